// A member context does not have is undefined, as for any package.
package main

import "context"

func main() {
	context.Nope()
	_ = context.Background
}
