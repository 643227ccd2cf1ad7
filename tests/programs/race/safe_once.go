// no race: sync.Once's function happens before every Do returns.
package main

import (
	"fmt"
	"sync"
)

var (
	once   sync.Once
	config map[string]string
)

func loadConfig() {
	config = map[string]string{"mode": "safe"}
}

func main() {
	var wg sync.WaitGroup
	modes := make([]string, 3)
	for i := 0; i < 3; i++ {
		wg.Add(1)
		go func(i int) {
			defer wg.Done()
			once.Do(loadConfig)
			modes[i] = config["mode"]
		}(i)
	}
	wg.Wait()
	fmt.Println(modes)
}
