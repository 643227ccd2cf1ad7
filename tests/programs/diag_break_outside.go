// break outside a loop, and an unknown label.
package main

func main() {
	break
	for {
		continue nowhere
	}
}
