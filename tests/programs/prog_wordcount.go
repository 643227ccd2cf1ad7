// Word frequencies, sorted by count (descending) and then alphabetically.
package main

import (
	"fmt"
	"sort"
	"strings"
)

const text = `the quick brown fox jumps over the lazy dog
The dog barks and the fox runs
a quick fox is a happy fox`

func main() {
	counts := map[string]int{}
	for _, w := range strings.Fields(strings.ToLower(text)) {
		counts[w]++
	}
	words := make([]string, 0, len(counts))
	for w := range counts {
		words = append(words, w)
	}
	sort.Slice(words, func(i, j int) bool {
		if counts[words[i]] != counts[words[j]] {
			return counts[words[i]] > counts[words[j]]
		}
		return words[i] < words[j]
	})
	for _, w := range words[:6] {
		fmt.Printf("%-6s %d\n", w, counts[w])
	}
	fmt.Println(len(words), "distinct words")
}
