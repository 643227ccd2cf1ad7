// strconv: parsing and formatting numbers and booleans, quoting, and the
// errors a failed parse returns.
package main

import (
	"errors"
	"fmt"
	"strconv"
)

func main() {
	for _, s := range []string{"42", "-7", "+3", "abc", "", "99999999999999999999", "1_000"} {
		n, err := strconv.Atoi(s)
		fmt.Println(n, err)
	}
	i, err := strconv.ParseInt("-0x1F", 0, 64)
	fmt.Println(i, err)
	i, err = strconv.ParseInt("300", 10, 8)
	fmt.Println(i, err, errors.Is(err, strconv.ErrRange))
	u, err := strconv.ParseUint("0b1011", 0, 8)
	fmt.Println(u, err)
	_, err = strconv.ParseInt("12", 1, 64)
	fmt.Println(err)
	b, err := strconv.ParseBool("T")
	fmt.Println(b, err, strconv.FormatBool(false))
	_, err = strconv.ParseBool("yes")
	var ne *strconv.NumError
	fmt.Println(err, errors.As(err, &ne), ne.Func, ne.Num)
	fmt.Println(strconv.FormatInt(-255, 16), strconv.FormatUint(255, 2), strconv.FormatInt(35, 36))
	fmt.Println(strconv.Quote("hi\n\"there\"\t☺\x01"), strconv.QuoteRune('☺'), strconv.QuoteToASCII("☺"))
	s, err := strconv.Unquote(`"a\tb\u263a"`)
	fmt.Println(s, err)
	_, err = strconv.Unquote(`"bad`)
	fmt.Println(err)
	f, err := strconv.ParseFloat("3.25", 64)
	fmt.Println(f, err)
	f, err = strconv.ParseFloat("1e400", 64)
	fmt.Println(f, err)
	_, err = strconv.ParseFloat("1.2.3", 64)
	fmt.Println(err)
	fmt.Println(strconv.FormatFloat(3.14159, 'f', 2, 64), strconv.FormatFloat(1e21, 'g', -1, 64), strconv.FormatFloat(0.000012, 'e', 3, 64))
	fmt.Println(string(strconv.AppendInt([]byte("n="), 42, 10)))
}
