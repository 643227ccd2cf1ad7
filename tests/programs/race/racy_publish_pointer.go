// race: a pointer published through a plain variable, read after a sleep.
package main

import (
	"fmt"
	"time"
)

type Config struct {
	Name  string
	Limit int
}

var cfg *Config

func load() {
	c := &Config{}
	c.Name = "production"
	c.Limit = 10
	cfg = c
}

func main() {
	go load()
	time.Sleep(20 * time.Millisecond)
	if c := cfg; c != nil {
		fmt.Println(c.Name, c.Limit)
	}
}
