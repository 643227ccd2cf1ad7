// Package unicode, the part programs use most: classifying and mapping
// runes.
//
// Written in Go for this page, over the runtime's natives for case: upper
// and lower case and the case mappings cover all of Unicode, as do digits
// and numbers. IsLetter and IsPunct know ASCII, Latin, Greek, Cyrillic,
// Hebrew, Arabic, the CJK ideographs, kana and Hangul, which covers the
// programs of this book and of most tutorials, but not every script: a
// letter of another script is not a letter here.
package unicode

const (
	MaxRune         = '\U0010FFFF' // the largest valid code point
	ReplacementChar = '\uFFFD'     // what invalid UTF-8 decodes to
	MaxASCII        = '\u007F'
	MaxLatin1       = '\u00FF'
)

// IsUpper reports whether r is an upper case letter (category Lu).
func IsUpper(r rune) bool

// IsLower reports whether r is a lower case letter (category Ll).
func IsLower(r rune) bool

// IsLetter reports whether r is a letter.
func IsLetter(r rune) bool {
	if r <= MaxLatin1 {
		return IsUpper(r) || IsLower(r) || r == 0xAA || r == 0xBA // ª and º are Lo
	}
	if IsUpper(r) || IsLower(r) || IsTitle(r) { // a cased letter, in any script
		return true
	}
	switch {
	case 0x100 <= r && r <= 0x24F, // Latin Extended
		0x370 <= r && r <= 0x3FF && r != 0x37E && r != 0x387, // Greek
		0x400 <= r && r <= 0x481, 0x48A <= r && r <= 0x52F, // Cyrillic
		0x5D0 <= r && r <= 0x5EA, // Hebrew
		0x620 <= r && r <= 0x64A, // Arabic
		0x3041 <= r && r <= 0x3096, 0x30A1 <= r && r <= 0x30FA, // kana
		0x3400 <= r && r <= 0x4DBF, 0x4E00 <= r && r <= 0x9FFF, // CJK ideographs
		0xAC00 <= r && r <= 0xD7A3: // Hangul syllables
		return true
	}
	return false
}

// IsDigit reports whether r is a decimal digit (category Nd, in any
// script).
func IsDigit(r rune) bool {
	if r <= MaxLatin1 {
		return '0' <= r && r <= '9'
	}
	for _, d := range decimalDigits {
		if r < d[0] {
			return false
		}
		if r <= d[1] {
			return true
		}
	}
	return false
}

// decimalDigits are the ranges of category Nd (Unicode 15.0, as Go's).
var decimalDigits = [...][2]rune{
	{0x30, 0x39}, {0x660, 0x669}, {0x6F0, 0x6F9}, {0x7C0, 0x7C9}, {0x966, 0x96F},
	{0xA66, 0xA6F}, {0xAE6, 0xAEF}, {0xB66, 0xB6F}, {0xBE6, 0xBEF}, {0xC66, 0xC6F},
	{0xCE6, 0xCEF}, {0xD66, 0xD6F}, {0xDE6, 0xDEF}, {0xE50, 0xE59}, {0xED0, 0xED9},
	{0x1040, 0x1049}, {0x1090, 0x1099}, {0x17E0, 0x17E9}, {0x1810, 0x1819},
	{0x19D0, 0x19D9}, {0x1A80, 0x1A89}, {0x1A90, 0x1A99}, {0x1B50, 0x1B59},
	{0x1C40, 0x1C49}, {0x1C50, 0x1C59}, {0xA620, 0xA629}, {0xA8D0, 0xA8D9},
	{0xA9D0, 0xA9D9}, {0xA9F0, 0xA9F9}, {0xAA50, 0xAA59}, {0xABF0, 0xABF9},
	{0x104A0, 0x104A9}, {0x10D30, 0x10D39}, {0x11066, 0x1106F}, {0x110F0, 0x110F9},
	{0x11136, 0x1113F}, {0x111D0, 0x111D9}, {0x112F0, 0x112F9}, {0x11450, 0x11459},
	{0x11650, 0x11659}, {0x116C0, 0x116C9}, {0x11730, 0x11739}, {0x118E0, 0x118E9},
	{0x11950, 0x11959}, {0x11C50, 0x11C59}, {0x11D50, 0x11D59}, {0x11DA0, 0x11DA9},
	{0x16A60, 0x16A69}, {0x16AC0, 0x16AC9}, {0x16B50, 0x16B59}, {0x1D7CE, 0x1D7FF},
	{0x1E140, 0x1E149}, {0x1E2F0, 0x1E2F9}, {0x1E4F0, 0x1E4F9}, {0x1E950, 0x1E959},
}

// IsNumber reports whether r is a number (categories Nd, Nl and No).
func IsNumber(r rune) bool

// IsSpace reports whether r is white space.
func IsSpace(r rune) bool {
	switch r {
	case '\t', '\n', '\v', '\f', '\r', ' ', 0x85, 0xA0,
		0x1680, 0x2028, 0x2029, 0x202F, 0x205F, 0x3000:
		return true
	}
	return 0x2000 <= r && r <= 0x200A
}

// IsPunct reports whether r is punctuation.
func IsPunct(r rune) bool {
	if r <= MaxASCII {
		switch r {
		case '!', '"', '#', '%', '&', '\'', '(', ')', '*', ',', '-', '.', '/',
			':', ';', '?', '@', '[', '\\', ']', '_', '{', '}':
			return true
		}
		return false
	}
	switch r {
	case 0xA1, 0xA7, 0xAB, 0xB6, 0xB7, 0xBB, 0xBF,
		0x3001, 0x3002, 0xFF01, 0xFF0C, 0xFF1A, 0xFF1B, 0xFF1F:
		return true
	}
	return 0x2010 <= r && r <= 0x2027 || 0x3008 <= r && r <= 0x3011
}

// IsControl reports whether r is a control character.
func IsControl(r rune) bool {
	return r < 0x20 || 0x7F <= r && r < 0xA0
}

// IsPrint reports whether r is printable (letters, marks, numbers,
// punctuation, symbols and the ASCII space).
func IsPrint(r rune) bool {
	if r == ' ' {
		return true
	}
	return !IsControl(r) && !IsSpace(r) && r <= MaxRune
}

// IsGraphic is like IsPrint but also allows other spaces.
func IsGraphic(r rune) bool {
	return IsPrint(r) || IsSpace(r) && !IsControl(r)
}

// ToUpper maps r to upper case (Unicode's simple mapping, as Go's: ß
// stays ß, and ς becomes Σ).
func ToUpper(r rune) rune

// ToLower maps r to lower case (Unicode's simple mapping).
func ToLower(r rune) rune

// ToTitle maps r to title case: upper case, but for the digraphs (ǆ
// becomes ǅ) and Greek letters with a subscript iota.
func ToTitle(r rune) rune

// IsTitle reports whether r is a title case letter (category Lt).
func IsTitle(r rune) bool {
	switch {
	case r == 0x1C5, r == 0x1C8, r == 0x1CB, r == 0x1F2,
		0x1F88 <= r && r <= 0x1F8F, 0x1F98 <= r && r <= 0x1F9F, 0x1FA8 <= r && r <= 0x1FAF,
		r == 0x1FBC, r == 0x1FCC, r == 0x1FFC:
		return true
	}
	return false
}

// SimpleFold returns the next rune equivalent to r under case folding.
func SimpleFold(r rune) rune {
	if u := ToUpper(r); u != r {
		return u
	}
	return ToLower(r)
}
