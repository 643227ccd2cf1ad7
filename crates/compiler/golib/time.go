// Package time, the part written in Go: calendar dates, Format, String,
// Unix times, Date, and Duration's Round and Truncate. The clock, timers,
// tickers and sleeping are the runtime's natives.
//
// Written in Go for this page. Its clock starts where the Go Playground's
// does, at 2009-11-10 23:00:00 UTC, and every time is in UTC: a run's
// output does not depend on when or where it runs. A Time holds one
// int64 of nanoseconds from that start, so it reaches the years 1717 to
// 2301 (Go's reaches far beyond).
package time

import "errors"

// nanosOf returns t's reading of the run's clock, in nanoseconds since
// the run started; makeTime makes the Time of a reading.
func nanosOf(t Time) int64
func makeTime(ns int64) Time

// startUnix is the Unix time the clock starts at: 2009-11-10 23:00:00 UTC.
const startUnix = 1257894000

// A Month of the year (January = 1).
type Month int

const (
	January Month = 1 + iota
	February
	March
	April
	May
	June
	July
	August
	September
	October
	November
	December
)

var longMonthNames = []string{"January", "February", "March", "April", "May", "June",
	"July", "August", "September", "October", "November", "December"}

func (m Month) String() string {
	if January <= m && m <= December {
		return longMonthNames[m-1]
	}
	return "%!Month(" + itoa(int(m)) + ")"
}

// A Weekday (Sunday = 0).
type Weekday int

const (
	Sunday Weekday = iota
	Monday
	Tuesday
	Wednesday
	Thursday
	Friday
	Saturday
)

var longDayNames = []string{"Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"}

func (d Weekday) String() string {
	if Sunday <= d && d <= Saturday {
		return longDayNames[d]
	}
	return "%!Weekday(" + itoa(int(d)) + ")"
}

// A Location is a time zone: here always UTC.
type Location struct {
	name string
}

// UTC and Local (which is UTC here).
var (
	UTC   = &Location{"UTC"}
	Local = UTC
)

func (l *Location) String() string { return l.name }

// The layouts of Go's time package.
const (
	Layout      = "01/02 03:04:05PM '06 -0700"
	ANSIC       = "Mon Jan _2 15:04:05 2006"
	UnixDate    = "Mon Jan _2 15:04:05 MST 2006"
	RubyDate    = "Mon Jan 02 15:04:05 -0700 2006"
	RFC822      = "02 Jan 06 15:04 MST"
	RFC822Z     = "02 Jan 06 15:04 -0700"
	RFC850      = "Monday, 02-Jan-06 15:04:05 MST"
	RFC1123     = "Mon, 02 Jan 2006 15:04:05 MST"
	RFC1123Z    = "Mon, 02 Jan 2006 15:04:05 -0700"
	RFC3339     = "2006-01-02T15:04:05Z07:00"
	RFC3339Nano = "2006-01-02T15:04:05.999999999Z07:00"
	Kitchen     = "3:04PM"
	Stamp       = "Jan _2 15:04:05"
	StampMilli  = "Jan _2 15:04:05.000"
	StampMicro  = "Jan _2 15:04:05.000000"
	StampNano   = "Jan _2 15:04:05.000000000"
	DateTime    = "2006-01-02 15:04:05"
	DateOnly    = "2006-01-02"
	TimeOnly    = "15:04:05"
)

// UnixNano returns t as nanoseconds since January 1, 1970 UTC.
func (t Time) UnixNano() int64 { return startUnix*1e9 + nanosOf(t) }

// Unix returns t as seconds since January 1, 1970 UTC.
func (t Time) Unix() int64 { return floorDiv(t.UnixNano(), 1e9) }

// UnixMilli returns t as milliseconds since January 1, 1970 UTC.
func (t Time) UnixMilli() int64 { return floorDiv(t.UnixNano(), 1e6) }

// UnixMicro returns t as microseconds since January 1, 1970 UTC.
func (t Time) UnixMicro() int64 { return floorDiv(t.UnixNano(), 1e3) }

func floorDiv(a, b int64) int64 {
	q := a / b
	if a%b < 0 {
		q--
	}
	return q
}

// Unix returns the Time of sec seconds and nsec nanoseconds since 1970.
func Unix(sec int64, nsec int64) Time {
	return makeTime(sec*1e9 + nsec - startUnix*1e9)
}

// UnixMilli returns the Time of msec milliseconds since 1970.
func UnixMilli(msec int64) Time { return Unix(0, msec*1e6) }

// Date returns the Time of that day and clock time (in UTC: loc is not used
// here); out-of-range values are normalized, as in Go.
func Date(year int, month Month, day, hour, min, sec, nsec int, loc *Location) Time {
	days := daysFromCivil(int64(year), int64(month), 1) + int64(day-1)
	ns := ((days*24+int64(hour))*60+int64(min))*60 + int64(sec)
	return Unix(ns, int64(nsec))
}

// daysFromCivil returns the days since 1970-01-01 of a proleptic
// Gregorian date (month may be out of 1..12: it carries into the year).
func daysFromCivil(y, m, d int64) int64 {
	y += floorDiv(m-1, 12)
	m = (m-1)%12 + 1
	if m <= 0 {
		m += 12
	}
	if m <= 2 {
		y--
	}
	era := floorDiv(y, 400)
	yoe := y - era*400
	mp := (m + 9) % 12
	doy := (153*mp+2)/5 + d - 1
	doe := yoe*365 + yoe/4 - yoe/100 + doy
	return era*146097 + doe - 719468
}

// civil returns the date of a day number (days since 1970-01-01).
func civil(z int64) (year int, month Month, day int) {
	z += 719468
	era := floorDiv(z, 146097)
	doe := z - era*146097
	yoe := (doe - doe/1460 + doe/36524 - doe/146096) / 365
	y := yoe + era*400
	doy := doe - (365*yoe + yoe/4 - yoe/100)
	mp := (5*doy + 2) / 153
	d := doy - (153*mp+2)/5 + 1
	m := mp + 3
	if m > 12 {
		m -= 12
	}
	if m <= 2 {
		y++
	}
	return int(y), Month(m), int(d)
}

func (t Time) days() (days, secOfDay int64) {
	sec := t.Unix()
	return floorDiv(sec, 86400), sec - floorDiv(sec, 86400)*86400
}

// Date returns the year, month and day of t.
func (t Time) Date() (year int, month Month, day int) {
	d, _ := t.days()
	return civil(d)
}

// Year returns t's year.
func (t Time) Year() int { y, _, _ := t.Date(); return y }

// Month returns t's month.
func (t Time) Month() Month { _, m, _ := t.Date(); return m }

// Day returns t's day of the month.
func (t Time) Day() int { _, _, d := t.Date(); return d }

// YearDay returns t's day of the year, 1 to 366.
func (t Time) YearDay() int {
	d, _ := t.days()
	y, _, _ := civil(d)
	return int(d-daysFromCivil(int64(y), 1, 1)) + 1
}

// Weekday returns t's day of the week.
func (t Time) Weekday() Weekday {
	d, _ := t.days()
	return Weekday((d%7 + 11) % 7) // 1970-01-01 was a Thursday
}

// Clock returns the hour, minute and second of t.
func (t Time) Clock() (hour, min, sec int) {
	_, s := t.days()
	return int(s / 3600), int(s % 3600 / 60), int(s % 60)
}

// Hour returns t's hour, 0 to 23.
func (t Time) Hour() int { h, _, _ := t.Clock(); return h }

// Minute returns t's minute, 0 to 59.
func (t Time) Minute() int { _, m, _ := t.Clock(); return m }

// Second returns t's second, 0 to 59.
func (t Time) Second() int { _, _, s := t.Clock(); return s }

// Nanosecond returns the nanoseconds within t's second.
func (t Time) Nanosecond() int {
	ns := t.UnixNano() % 1e9
	if ns < 0 {
		ns += 1e9
	}
	return int(ns)
}

// UTC returns t in UTC (every time is, here).
func (t Time) UTC() Time { return t }

// Local returns t in the local time zone (UTC here).
func (t Time) Local() Time { return t }

// In returns t in loc (UTC here).
func (t Time) In(loc *Location) Time { return t }

// Location returns t's time zone.
func (t Time) Location() *Location { return UTC }

// Compare returns -1, 0 or +1 as t is before, equal to or after u.
func (t Time) Compare(u Time) int {
	a, b := nanosOf(t), nanosOf(u)
	switch {
	case a < b:
		return -1
	case a > b:
		return +1
	}
	return 0
}

// Truncate returns t rounded down to a multiple of d since the zero time.
func (t Time) Truncate(d Duration) Time {
	if d <= 0 {
		return t
	}
	ns := t.UnixNano()
	return Unix(0, ns-mod(ns, int64(d)))
}

// Round returns t rounded to the nearest multiple of d (halfway: up).
func (t Time) Round(d Duration) Time {
	if d <= 0 {
		return t
	}
	ns := t.UnixNano()
	r := mod(ns, int64(d))
	if r+r < int64(d) {
		return Unix(0, ns-r)
	}
	return Unix(0, ns-r+int64(d))
}

func mod(a, b int64) int64 {
	r := a % b
	if r < 0 {
		r += b
	}
	return r
}

// String formats t as Go does for a Time from Now: the date, the zone and
// its monotonic clock reading.
func (t Time) String() string {
	s := t.Format("2006-01-02 15:04:05.999999999 -0700 MST")
	m := nanosOf(t)
	frac := itoa(int(m % 1e9))
	for len(frac) < 9 {
		frac = "0" + frac
	}
	return s + " m=+" + itoa(int(m/1e9)) + "." + frac
}

// Format returns t written as layout shows Go's reference time,
// Mon Jan 2 15:04:05 MST 2006, would be.
func (t Time) Format(layout string) string {
	year, month, day := t.Date()
	hour, min, sec := t.Clock()
	ns := t.Nanosecond()
	var b []byte
	for i := 0; i < len(layout); {
		rest := layout[i:]
		tok, n := nextToken(rest)
		if n == 0 {
			b = append(b, layout[i])
			i++
			continue
		}
		i += n
		switch tok {
		case "2006":
			b = append(b, pad(year, 4)...)
		case "06":
			b = append(b, pad(year%100, 2)...)
		case "January":
			b = append(b, month.String()...)
		case "Jan":
			b = append(b, month.String()[:3]...)
		case "01":
			b = append(b, pad(int(month), 2)...)
		case "1":
			b = append(b, itoa(int(month))...)
		case "Monday":
			b = append(b, t.Weekday().String()...)
		case "Mon":
			b = append(b, t.Weekday().String()[:3]...)
		case "02":
			b = append(b, pad(day, 2)...)
		case "_2":
			if day < 10 {
				b = append(b, ' ')
			}
			b = append(b, itoa(day)...)
		case "2":
			b = append(b, itoa(day)...)
		case "002":
			b = append(b, pad(t.YearDay(), 3)...)
		case "15":
			b = append(b, pad(hour, 2)...)
		case "03", "3":
			h := hour % 12
			if h == 0 {
				h = 12
			}
			if tok == "03" {
				b = append(b, pad(h, 2)...)
			} else {
				b = append(b, itoa(h)...)
			}
		case "04":
			b = append(b, pad(min, 2)...)
		case "4":
			b = append(b, itoa(min)...)
		case "05":
			b = append(b, pad(sec, 2)...)
		case "5":
			b = append(b, itoa(sec)...)
		case "PM", "pm":
			ampm := "AM"
			if hour >= 12 {
				ampm = "PM"
			}
			if tok == "pm" {
				ampm = string([]byte{ampm[0] + 32, 'm'})
			}
			b = append(b, ampm...)
		case "MST":
			b = append(b, "UTC"...)
		case "-0700", "-07":
			b = append(b, "+0000"[:len(tok)]...)
		case "-07:00":
			b = append(b, "+00:00"...)
		case "Z0700", "Z07:00", "Z07":
			b = append(b, 'Z')
		default: // fractional seconds: .000, ,000, .999...
			digits := len(tok) - 1
			f := pad(ns, 9)[:digits]
			if tok[1] == '9' {
				for len(f) > 0 && f[len(f)-1] == '0' {
					f = f[:len(f)-1]
				}
				if f == "" {
					continue
				}
			}
			b = append(b, tok[0])
			b = append(b, f...)
		}
	}
	return string(b)
}

// nextToken returns the layout element at the start of s and its length
// (0 if s starts with a literal byte).
func nextToken(s string) (string, int) {
	for _, tok := range []string{"January", "Jan", "Monday", "Mon", "MST", "2006", "002",
		"-07:00", "-0700", "-07", "Z07:00", "Z0700", "Z07", "_2", "01", "02", "03", "04", "05", "06",
		"15", "PM", "pm", "1", "2", "3", "4", "5"} {
		if len(s) >= len(tok) && s[:len(tok)] == tok {
			return tok, len(tok)
		}
	}
	// Fractional seconds: a '.' or ',' and 0s or 9s, after a seconds field.
	if len(s) >= 2 && (s[0] == '.' || s[0] == ',') && (s[1] == '0' || s[1] == '9') {
		n := 2
		for n < len(s) && s[n] == s[1] {
			n++
		}
		if n == len(s) || s[n] < '0' || s[n] > '9' {
			return s[:n], n
		}
	}
	return "", 0
}

func pad(v, width int) string {
	s := itoa(v)
	for len(s) < width {
		s = "0" + s
	}
	return s
}

func itoa(v int) string {
	if v == 0 {
		return "0"
	}
	neg := v < 0
	if neg {
		v = -v
	}
	var b []byte
	for v > 0 {
		b = append([]byte{byte('0' + v%10)}, b...)
		v /= 10
	}
	if neg {
		return "-" + string(b)
	}
	return string(b)
}

// Round returns d rounded to the nearest multiple of m (halfway: away
// from zero).
func (d Duration) Round(m Duration) Duration {
	if m <= 0 {
		return d
	}
	r := d % m
	if d < 0 {
		r = -r
		if r+r < m {
			return d + r
		}
		return d - m + r
	}
	if r+r < m {
		return d - r
	}
	return d + m - r
}

// Truncate returns d rounded toward zero to a multiple of m.
func (d Duration) Truncate(m Duration) Duration {
	if m <= 0 {
		return d
	}
	return d - d%m
}

// Abs returns the absolute value of d.
func (d Duration) Abs() Duration {
	if d < 0 {
		return -d
	}
	return d
}

// unitOf gives the length of a unit ParseDuration accepts (a switch,
// not a map, so that importing time costs no initialisation).
func unitOf(u string) (uint64, bool) {
	switch u {
	case "ns":
		return uint64(Nanosecond), true
	case "us", "µs", "μs": // U+00B5 the micro sign, U+03BC Greek mu
		return uint64(Microsecond), true
	case "ms":
		return uint64(Millisecond), true
	case "s":
		return uint64(Second), true
	case "m":
		return uint64(Minute), true
	case "h":
		return uint64(Hour), true
	}
	return 0, false
}

// ParseDuration parses a duration string: a possibly signed sequence of
// decimal numbers, each with an optional fraction and a unit suffix, such
// as "300ms", "-1.5h" or "2h45m". Valid units are "ns", "us" (or "µs"),
// "ms", "s", "m", "h".
func ParseDuration(s string) (Duration, error) {
	orig := s
	invalid := func() (Duration, error) {
		return 0, errors.New("time: invalid duration " + quote(orig))
	}
	neg := false
	if s != "" && (s[0] == '-' || s[0] == '+') {
		neg = s[0] == '-'
		s = s[1:]
	}
	if s == "0" {
		return 0, nil
	}
	if s == "" {
		return invalid()
	}
	var d uint64 // the total, in nanoseconds
	for s != "" {
		// The integer part.
		if !(s[0] == '.' || '0' <= s[0] && s[0] <= '9') {
			return invalid()
		}
		pl := len(s)
		var v uint64
		overflow := false
		for s != "" && '0' <= s[0] && s[0] <= '9' {
			if v > 1<<63/10 {
				overflow = true
			}
			v = v*10 + uint64(s[0]-'0')
			if v > 1<<63 {
				overflow = true
			}
			s = s[1:]
		}
		if overflow {
			return invalid()
		}
		pre := pl != len(s)

		// The fraction: kept as f/scale, digits beyond 1<<63 dropped.
		var f uint64
		scale := 1.0
		post := false
		if s != "" && s[0] == '.' {
			s = s[1:]
			pl := len(s)
			dropping := false
			for s != "" && '0' <= s[0] && s[0] <= '9' {
				if !dropping {
					if f > (1<<63-1)/10 {
						dropping = true
					} else {
						f = f*10 + uint64(s[0]-'0')
						scale *= 10
					}
				}
				s = s[1:]
			}
			post = pl != len(s)
		}
		if !pre && !post {
			return invalid() // no digits, as in ".s"
		}

		// The unit.
		i := 0
		for ; i < len(s); i++ {
			c := s[i]
			if c == '.' || '0' <= c && c <= '9' {
				break
			}
		}
		if i == 0 {
			return 0, errors.New("time: missing unit in duration " + quote(orig))
		}
		u := s[:i]
		s = s[i:]
		unit, ok := unitOf(u)
		if !ok {
			return 0, errors.New("time: unknown unit " + quote(u) + " in duration " + quote(orig))
		}
		if v > 1<<63/unit {
			return invalid()
		}
		v *= unit
		if f > 0 {
			v += uint64(float64(f) * (float64(unit) / scale))
			if v > 1<<63 {
				return invalid()
			}
		}
		d += v
		if d > 1<<63 {
			return invalid()
		}
	}
	if neg {
		return -Duration(d), nil
	}
	if d > 1<<63-1 {
		return invalid()
	}
	return Duration(d), nil
}

// quote returns s in double quotes, as ParseDuration's errors show it:
// a byte outside printable ASCII as \xHH.
func quote(s string) string {
	const hex = "0123456789abcdef"
	b := []byte{'"'}
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c < ' ' || c >= 0x80 {
			b = append(b, '\\', 'x', hex[c>>4], hex[c&0xf])
			continue
		}
		if c == '"' || c == '\\' {
			b = append(b, '\\')
		}
		b = append(b, c)
	}
	return string(append(b, '"'))
}
