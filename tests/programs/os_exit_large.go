// os.Exit with a status above 255 is reported modulo 256 by the operating system.
package main

import (
	"fmt"
	"os"
)

func main() {
	fmt.Println("exit 300")
	os.Exit(300)
}
