// strconv.Itoa and strconv.Atoi, including Atoi's error messages.
package main

import (
	"fmt"
	"strconv"
)

func main() {
	fmt.Println(strconv.Itoa(123)+"!", strconv.Itoa(-45), strconv.Itoa(0))
	for _, s := range []string{"42", "-17", "+8", "abc", "", "12a", "99999999999999999999"} {
		n, err := strconv.Atoi(s)
		if err != nil {
			fmt.Println("error:", err)
			continue
		}
		fmt.Println(n * 2)
	}
}
