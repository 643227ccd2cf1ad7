// Returning the wrong number of values reports have and want.
package main

func pair() (int, string) {
	return 1
}

func none() {
	return 2
}

func main() {
	pair()
	none()
}
