// unicode/utf8 and unicode: encoding, decoding and classifying runes.
package main

import (
	"fmt"
	"unicode"
	"unicode/utf8"
)

func main() {
	s := "héllo, 世界!"
	fmt.Println(len(s), utf8.RuneCountInString(s), utf8.ValidString(s), utf8.ValidString("a\xffb"))
	for i := 0; i < len(s); {
		r, n := utf8.DecodeRuneInString(s[i:])
		fmt.Printf("%c:%d ", r, n)
		i += n
	}
	fmt.Println()
	r, n := utf8.DecodeLastRuneInString(s)
	fmt.Println(string(r), n, utf8.RuneLen('世'), utf8.RuneLen(-1))
	fmt.Println(utf8.DecodeRuneInString("\xed\xa0\x80"))
	fmt.Println(utf8.DecodeRuneInString(""))
	buf := make([]byte, 4)
	n = utf8.EncodeRune(buf, 'é')
	fmt.Println(buf[:n], string(utf8.AppendRune(nil, 0x10FFFF+1)))
	for _, c := range "aZ9 ,é世\n" {
		fmt.Print(unicode.IsLetter(c), unicode.IsUpper(c), unicode.IsDigit(c), unicode.IsSpace(c), unicode.IsPunct(c), " ")
	}
	fmt.Println()
	fmt.Println(string(unicode.ToUpper('é')), string(unicode.ToLower('Ä')), string(unicode.ToUpper('ж')), string(unicode.ToLower('Ω')))
}
