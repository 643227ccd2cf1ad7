// Bank accounts with a custom error type carrying data.
package main

import "fmt"

type InsufficientFunds struct {
	Need, Have int
}

func (e InsufficientFunds) Error() string {
	return fmt.Sprintf("insufficient funds: need %d, have %d", e.Need, e.Have)
}

type Account struct {
	Owner   string
	balance int
	history []string
}

func (a *Account) Deposit(n int) {
	a.balance += n
	a.history = append(a.history, fmt.Sprintf("+%d", n))
}

func (a *Account) Withdraw(n int) error {
	if n > a.balance {
		return InsufficientFunds{Need: n, Have: a.balance}
	}
	a.balance -= n
	a.history = append(a.history, fmt.Sprintf("-%d", n))
	return nil
}

func transfer(from, to *Account, n int) error {
	if err := from.Withdraw(n); err != nil {
		return fmt.Errorf("transfer %s -> %s: %w", from.Owner, to.Owner, err)
	}
	to.Deposit(n)
	return nil
}

func main() {
	alice := &Account{Owner: "alice"}
	bob := &Account{Owner: "bob"}
	alice.Deposit(100)
	fmt.Println(transfer(alice, bob, 30))
	err := transfer(bob, alice, 50)
	fmt.Println(err)
	fmt.Println(alice.balance, bob.balance, alice.history, bob.history)
	var e error = InsufficientFunds{1, 2}
	if f, ok := e.(InsufficientFunds); ok {
		fmt.Println(f.Need - f.Have)
	}
}
