// Package unicode, the part programs use most: classifying and mapping
// runes.
//
// Written in Go for this page. Go's package holds every Unicode table;
// this one knows ASCII, Latin-1, Latin Extended-A, Greek, Cyrillic, the
// CJK ideographs, kana and Hangul, which covers the programs of this book
// and of most tutorials. Other runes are letters if they are in a letter
// block listed here, and are never upper or lower case.
package unicode

const (
	MaxRune         = '\U0010FFFF' // the largest valid code point
	ReplacementChar = '\uFFFD'     // what invalid UTF-8 decodes to
	MaxASCII        = '\u007F'
	MaxLatin1       = '\u00FF'
)

// IsUpper reports whether r is an upper case letter.
func IsUpper(r rune) bool {
	switch {
	case r <= MaxASCII:
		return 'A' <= r && r <= 'Z'
	case r <= MaxLatin1:
		return 0xC0 <= r && r <= 0xDE && r != 0xD7
	case 0x100 <= r && r <= 0x17F:
		return r%2 == 0 && r != 0x138
	case 0x391 <= r && r <= 0x3AB:
		return r != 0x3A2
	case 0x400 <= r && r <= 0x42F:
		return true
	}
	return false
}

// IsLower reports whether r is a lower case letter.
func IsLower(r rune) bool {
	switch {
	case r <= MaxASCII:
		return 'a' <= r && r <= 'z'
	case r <= MaxLatin1:
		return (0xDF <= r && r <= 0xFF && r != 0xF7) || r == 0xB5 || r == 0xAA || r == 0xBA
	case 0x100 <= r && r <= 0x17F:
		return r%2 == 1 || r == 0x138
	case 0x3AC <= r && r <= 0x3CE:
		return true
	case 0x430 <= r && r <= 0x45F:
		return true
	}
	return false
}

// IsLetter reports whether r is a letter.
func IsLetter(r rune) bool {
	if r <= MaxLatin1 {
		return IsUpper(r) || IsLower(r)
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

// IsDigit reports whether r is a decimal digit.
func IsDigit(r rune) bool {
	return '0' <= r && r <= '9' || 0xFF10 <= r && r <= 0xFF19 || 0x660 <= r && r <= 0x669
}

// IsNumber reports whether r is a number (digits, and the Latin-1
// superscripts and fractions).
func IsNumber(r rune) bool {
	return IsDigit(r) || r == 0xB2 || r == 0xB3 || r == 0xB9 || (0xBC <= r && r <= 0xBE)
}

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

// ToUpper maps r to upper case.
func ToUpper(r rune) rune {
	switch {
	case IsLower(r) && r <= MaxASCII:
		return r - 'a' + 'A'
	case r == 0xB5:
		return 0x39C
	case r == 0xFF:
		return 0x178
	case 0xE0 <= r && r <= 0xFE && r != 0xF7:
		return r - 0x20
	case 0x100 <= r && r <= 0x17F && IsLower(r) && r != 0x138:
		return r - 1
	case 0x3B1 <= r && r <= 0x3CB && r != 0x3C2:
		return r - 0x20
	case 0x430 <= r && r <= 0x44F:
		return r - 0x20
	case 0x450 <= r && r <= 0x45F:
		return r - 0x50
	}
	return r
}

// ToLower maps r to lower case.
func ToLower(r rune) rune {
	switch {
	case 'A' <= r && r <= 'Z':
		return r - 'A' + 'a'
	case 0xC0 <= r && r <= 0xDE && r != 0xD7:
		return r + 0x20
	case 0x100 <= r && r <= 0x17F && IsUpper(r):
		return r + 1
	case 0x391 <= r && r <= 0x3AB && r != 0x3A2:
		return r + 0x20
	case 0x410 <= r && r <= 0x42F:
		return r + 0x20
	case 0x400 <= r && r <= 0x40F:
		return r + 0x50
	}
	return r
}

// ToTitle maps r to title case (upper case, for these scripts).
func ToTitle(r rune) rune { return ToUpper(r) }

// SimpleFold returns the next rune equivalent to r under case folding.
func SimpleFold(r rune) rune {
	if u := ToUpper(r); u != r {
		return u
	}
	return ToLower(r)
}
