// unicode and strings map case rune by rune with Unicode's simple
// mappings, in every script: ß has no one-rune upper case, a final sigma
// is not special, the digraph ǅ is title case; digits and numbers of other
// scripts count; EqualFold folds σ, ς and Σ together.
package main

import (
	"fmt"
	"strings"
	"unicode"
)

func main() {
	for _, r := range "aZé中жЖ٣ا१ⅫǅǆßΣσςᾳİ_ 　😀ᛮªⒶ𝟘Ꭰꭰ" {
		fmt.Printf("%q L%v U%v l%v T%v D%v N%v S%v %q %q %q\n", r, unicode.IsLetter(r), unicode.IsUpper(r),
			unicode.IsLower(r), unicode.IsTitle(r), unicode.IsDigit(r), unicode.IsNumber(r), unicode.IsSpace(r),
			unicode.ToUpper(r), unicode.ToLower(r), unicode.ToTitle(r))
	}
	fmt.Println(strings.ToUpper("ǆemal straße ǳ ᾳ"), strings.ToLower("ΣΑΣ İSTANBUL Ⅻ"))
	fmt.Println(strings.EqualFold("Straße", "STRASSE"), strings.EqualFold("Σ", "ς"), strings.EqualFold("Go", "GO"),
		strings.EqualFold("k", "\u212a"), strings.EqualFold("a", "ab"))
	fmt.Println(unicode.ToUpper(-1), unicode.IsUpper(-5), unicode.ToLower(0x110000))
}
