// %q escapes what strconv.IsPrint calls unprintable: every space but
// U+0020, format characters (zero-width space, byte order mark, soft
// hyphen), private use; letters, marks and symbols of any script stay.
package main

import (
	"fmt"
	"strconv"
)

func main() {
	for _, s := range []string{"a\u00a0b", "中\u3000文", "zero\u200bwidth", "\ufeffbom", "soft\u00adhyphen", "pri\ue000vate", "é中ж😀\u0301✓", "line\u2028sep", "tab\there", "\u0085next", "\u2002en"} {
		fmt.Printf("%q %s %v\n", s, strconv.Quote(s), strconv.IsPrint([]rune(s)[1]))
	}
	for _, r := range []rune{'\u00a0', '\u3000', '\u200b', 'x', '中', '\ue000', '\u2028'} {
		fmt.Printf("%q %s\n", r, strconv.QuoteRune(r))
	}
}
