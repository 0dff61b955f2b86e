package dst_test

import (
	"bytes"
	"fmt"

	"github.com/usinette/usinette/dst"
	"github.com/usinette/usinette/stitch"
)

func ExampleEncode() {
	p := &stitch.Pattern{Records: []stitch.Record{
		{X: 0, Y: 0}, {X: 2, Y: 0},
		{X: 2, Y: 0, Cmd: stitch.Trim},
		{X: 22, Y: 0, Cmd: stitch.Jump}, // 20 mm: two jumps of 10 mm
		{X: 22, Y: 0}, {X: 24, Y: 0},
		{X: 24, Y: 0, Cmd: stitch.End},
	}}
	var b bytes.Buffer
	if err := dst.Encode(&b, p, dst.EncodeOptions{Label: "demo"}); err != nil {
		fmt.Println(err)
		return
	}
	q, h, err := dst.DecodeHeader(&b)
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Printf("%q %d records, +X %d\n", h.Label, h.Stitches, h.PlusX)
	for _, r := range q.Records {
		fmt.Println(r.X, r.Y, r.Cmd)
	}
	// Output:
	// "demo" 10 records, +X 240
	// 0 0 STITCH
	// 2 0 STITCH
	// 2 0 TRIM
	// 12 0 JUMP
	// 22 0 JUMP
	// 22 0 STITCH
	// 24 0 STITCH
	// 24 0 END
}

// A stitch record that ends a run of jumps moves the frame with the needle
// up: Decode reads its move as a jump, then the needle-down.
func ExampleDecode_jumpRun() {
	p := &stitch.Pattern{Records: []stitch.Record{
		{X: 0, Y: 0}, {X: 2, Y: 0},
		{X: 12, Y: 0, Cmd: stitch.Jump},
		{X: 20, Y: 5}, // written as it is: one stitch record that moves 9.4 mm
		{X: 22, Y: 5},
		{X: 22, Y: 5, Cmd: stitch.End},
	}}
	var b bytes.Buffer
	if err := dst.Encode(&b, p, dst.EncodeOptions{NoNeedleDown: true}); err != nil {
		fmt.Println(err)
		return
	}
	q, err := dst.Decode(&b)
	if err != nil {
		fmt.Println(err)
		return
	}
	for _, r := range q.Records {
		fmt.Println(r.X, r.Y, r.Cmd)
	}
	fmt.Printf("longest stitch %.1f mm\n", stitch.Measure(q).LongestStitch)
	// Output:
	// 0 0 STITCH
	// 2 0 STITCH
	// 12 0 JUMP
	// 20 5 JUMP
	// 20 5 STITCH
	// 22 5 STITCH
	// 22 5 END
	// longest stitch 2.0 mm
}
