package geom

import "math/big"

// bigInt is a math/big product for checking mul128.
type bigInt struct{ v big.Int }

func (b *bigInt) mul(x, y int64) *bigInt {
	b.v.Mul(big.NewInt(x), big.NewInt(y))
	return b
}

func (b *bigInt) cmp(o *bigInt) int { return b.v.Cmp(&o.v) }
