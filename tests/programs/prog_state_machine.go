// A vending machine driven by events; a type switch picks the handler.
package main

import "fmt"

type Coin struct{ Cents int }
type Select struct{ Item string }
type Refund struct{}

type State int

const (
	Idle State = iota
	HasMoney
)

func (s State) String() string {
	if s == Idle {
		return "Idle"
	}
	return "HasMoney"
}

type Machine struct {
	state  State
	credit int
	prices map[string]int
}

func (m *Machine) Handle(ev interface{}) string {
	switch e := ev.(type) {
	case Coin:
		m.credit += e.Cents
		m.state = HasMoney
		return fmt.Sprintf("credit %d", m.credit)
	case Select:
		price, ok := m.prices[e.Item]
		switch {
		case !ok:
			return "unknown item " + e.Item
		case m.credit < price:
			return fmt.Sprintf("need %d more", price-m.credit)
		}
		m.credit -= price
		if m.credit == 0 {
			m.state = Idle
		}
		return "vend " + e.Item
	case Refund:
		r := m.credit
		m.credit, m.state = 0, Idle
		return fmt.Sprintf("refund %d", r)
	}
	return "ignored"
}

func main() {
	m := &Machine{prices: map[string]int{"tea": 120, "water": 80}}
	events := []interface{}{Coin{100}, Select{"tea"}, Coin{50}, Select{"tea"}, Select{"soup"}, Refund{}, 42}
	for _, ev := range events {
		out := m.Handle(ev)
		fmt.Printf("%-16v -> %-14s [%v]\n", ev, out, m.state)
	}
}
