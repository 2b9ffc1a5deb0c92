package csv_test

import (
	"bytes"
	"fmt"
	"testing"

	"github.com/vigil-oss/vigil/csv"
)

// benchRegister writes n fictional register rows in the messy shape the
// reader meets: ", " separators, quoted fields with commas, empty fields
// and three date formats in one column.
func benchRegister(n int) []byte {
	given := []string{"Ada", "Brannoc", "Cael", "Dorn", "Edda", "Fenn", "Gisla", "Hale", "Isko", "Juno"}
	family := []string{"Quill", "Vell", "Ostrow", "Ashby", "Fenwick", "Marrow", "Tolland", "Quarrie", "Lisk", "Umber"}
	towns := []string{"Harrowmere", "Osterby", "Lindqvist Cross", "Marlow Gate", "Qeswick"}
	var b bytes.Buffer
	b.WriteString("rec_id, given_name, surname, street_number, address_1, suburb, postcode, date_of_birth, phone\n")
	for i := range n {
		y, m, d := 1930+i%80, 1+i%12, 1+i%28
		var dob string
		switch i % 4 {
		case 0, 1:
			dob = fmt.Sprintf("%04d%02d%02d", y, m, d)
		case 2:
			dob = fmt.Sprintf("%04d-%02d-%02d", y, m, d)
		case 3:
			dob = fmt.Sprintf("%02d/%02d/%04d", d, m, y)
		}
		street := "Lark Row"
		if i%7 == 0 {
			street = `"Lark Row, East"`
		}
		phone := ""
		if i%3 == 0 {
			phone = fmt.Sprintf("07700 9%05d", i%100000)
		}
		fmt.Fprintf(&b, "rec-%d, %s, %s, %d, %s, %s, Q%d %dAB, %s, %s\n",
			i, given[i%len(given)], family[(i/10)%len(family)], 1+i%200, street, towns[i%len(towns)], i%90, i%9, dob, phone)
	}
	return b.Bytes()
}

// BenchmarkRead reads a register of a million rows, the size of the
// brief's batch dedupe target.
func BenchmarkRead(b *testing.B) {
	const n = 1_000_000
	in := benchRegister(n)
	opt := csv.Options{
		ID: "rec_id",
		Map: map[string]string{"given_name": "given_name", "family_name": "surname", "street_number": "street_number",
			"address": "address_1", "city": "suburb", "postcode": "postcode", "dob": "date_of_birth", "phone": "phone"},
		DateOrder: csv.DMY,
	}
	b.SetBytes(int64(len(in)))
	b.ReportAllocs()
	b.ResetTimer()
	for b.Loop() {
		recs, err := csv.Read(bytes.NewReader(in), opt)
		if err != nil || len(recs) != n {
			b.Fatalf("Read: %d records, err %v", len(recs), err)
		}
	}
	b.ReportMetric(float64(n)*float64(b.N)/b.Elapsed().Seconds(), "rows/s")
}
