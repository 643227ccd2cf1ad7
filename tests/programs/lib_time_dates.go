// time: calendar dates from time.Date and time.Unix, their fields, Format
// with Go's layouts, and Duration's Round and Truncate.
package main

import (
	"fmt"
	"time"
)

func main() {
	t := time.Date(2024, time.February, 29, 13, 4, 5, 123456789, time.UTC)
	fmt.Println(t.Year(), t.Month(), t.Day(), t.Weekday(), t.YearDay(), t.Hour(), t.Minute(), t.Second(), t.Nanosecond())
	fmt.Println(t.Format(time.RFC3339), "|", t.Format(time.RFC3339Nano), "|", t.Format(time.Kitchen))
	fmt.Println(t.Format(time.ANSIC), "|", t.Format(time.RFC1123), "|", t.Format("2006-01-02 15:04:05"))
	fmt.Println(t.Format("Monday, 02-Jan-06 03:04:05.000 PM MST"), "|", t.Format("2006/1/2 15h04 .999 002"))
	fmt.Println(t.Unix(), t.UnixMilli(), t.UnixNano())
	u := time.Unix(1700000000, 0).UTC()
	fmt.Println(u.Format("2006-01-02 15:04:05"), u.Weekday(), u.Equal(time.Unix(1700000000, 0)))
	fmt.Println(time.Date(2023, 12, 31+1, 25, 0, 0, 0, time.UTC).Format("2006-01-02 15:04:05"))
	fmt.Println(time.Date(1969, 12, 31, 23, 59, 59, 0, time.UTC).Unix(), time.Date(1900, 1, 1, 0, 0, 0, 0, time.UTC).Weekday())
	d := 1234567 * time.Microsecond
	fmt.Println(d, d.Round(time.Millisecond), d.Truncate(time.Second), d.Round(time.Second), (-d).Round(time.Second))
	fmt.Println(t.Sub(u), t.Add(36*time.Hour).Format("2006-01-02"), t.Before(u), t.Truncate(time.Hour).Format("15:04:05"))
	fmt.Println(time.March, time.Saturday, time.Month(13))
}
