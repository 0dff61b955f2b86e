package pes

import (
	"bytes"
	"fmt"
	"image/color"

	"github.com/usinette/usinette/stitch"
)

func ExampleEncode() {
	p := &stitch.Pattern{
		Threads: []stitch.Thread{{Color: color.RGBA{255, 0, 0, 255}, Description: "Red"}},
		Records: []stitch.Record{
			{X: 0, Y: 0}, {X: 2.5, Y: 0}, {X: 5, Y: 0}, {X: 35, Y: 0}, // the 30 mm stitch is split
			{X: 35, Y: 0, Cmd: stitch.End},
		},
	}
	var b bytes.Buffer
	if err := Encode(&b, p, EncodeOptions{Name: "demo"}); err != nil {
		fmt.Println(err)
		return
	}
	q, info, err := DecodeInfo(&b)
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(info.Signature, info.Label, info.Palette)
	for _, r := range q.Records {
		fmt.Println(r.X, r.Y, r.Cmd)
	}
	// Output:
	// #PES0001 demo [5]
	// 0 0 STITCH
	// 2.5 0 STITCH
	// 5 0 STITCH
	// 15 0 STITCH
	// 25 0 STITCH
	// 35 0 STITCH
	// 35 0 END
}
