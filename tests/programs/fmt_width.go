// Width, precision, zero padding and left alignment with the - flag.
package main

import "fmt"

func main() {
	fmt.Printf("[%5d][%-5d][%05d]\n", 42, 42, 42)
	fmt.Printf("[%8s][%-8s][%.2s]\n", "go", "go", "golang")
	fmt.Printf("[%8.3f][%-8.2f][%08.3f]\n", 3.14159, 2.5, -1.5)
	fmt.Printf("[%6q][%-4c][%4t]\n", "a", 'z', true)
	fmt.Printf("[%4x][%-6X][%06x]\n", 255, 255, 255)
	fmt.Printf("[%+d][%+d][% d]\n", 5, -5, 5)
	fmt.Printf("[%*d][%-*d]\n", 4, 7, 4, 7)
	fmt.Printf("[%10v][%-10v]\n", []int{1, 2}, true)
	fmt.Printf("[%3d]\n", 123456)
	for _, row := range [][]string{{"name", "qty"}, {"apple", "3"}, {"kiwi", "12"}} {
		fmt.Printf("%-8s|%4s|\n", row[0], row[1])
	}
}
