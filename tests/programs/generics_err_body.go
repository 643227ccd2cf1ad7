package main

import "fmt"

type Number interface {
	~int | ~float64
}

func Add[T any](a, b T) T { return a + b }

func Mod[T Number](a, b T) T { return a % b }

func Bad[T Number](a T) int { return a }


func main() {
	fmt.Println(Add(1, 2))
}
