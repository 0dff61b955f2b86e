package slice

import (
	"bytes"
	"context"
	"errors"
	"io"
	"math"
	"strings"
	"testing"

	"github.com/usinette/usinette/internal/meshgen"
	"github.com/usinette/usinette/mesh"
)

func TestValidate(t *testing.T) {
	if err := Default().Validate(); err != nil {
		t.Fatalf("the default profile: %v", err)
	}
	for _, tc := range []struct {
		key string
		set func(c *Config)
	}{
		{"nozzle_diameter", func(c *Config) { c.NozzleDiameter = -0.4 }},
		{"nozzle_diameter", func(c *Config) { c.NozzleDiameter = 0 }},
		{"extrusion_multiplier", func(c *Config) { c.ExtrusionMult = 1e300 }},
		{"brim_width", func(c *Config) { c.BrimWidth = math.NaN() }},
		{"brim_width", func(c *Config) { c.BrimWidth = -1 }},
		{"skirt_distance", func(c *Config) { c.SkirtDistance = 1e9 }},
		{"skirt_distance", func(c *Config) { c.SkirtDistance = math.Inf(1) }},
		{"layer_height", func(c *Config) { c.LayerHeight = 0.5 }}, // > nozzle 0.4
		{"layer_height", func(c *Config) { c.LayerHeight = math.NaN() }},
		{"MaxFeedrate[0]", func(c *Config) { c.MaxFeedrate[0] = math.NaN() }},
		{"fill_pattern", func(c *Config) { c.FillPattern = "honeycomb" }},
		{"perimeters", func(c *Config) { c.Perimeters = -1 }},
		{"travel_speed", func(c *Config) { c.TravelSpeed = 0 }},
		{"extrusion_width", func(c *Config) { c.ExtrusionWidth = 1e-9 }},
	} {
		c := Default()
		tc.set(&c)
		err := c.Validate()
		if !errors.Is(err, ErrBadConfig) {
			t.Errorf("%s: err = %v, want ErrBadConfig", tc.key, err)
			continue
		}
		var ce *ConfigError
		if !errors.As(err, &ce) || ce.Key != tc.key {
			t.Errorf("err %q does not name %s", err, tc.key)
		}
		// the library refuses it too, before touching the mesh
		m := meshgen.Box(10, 10, 10)
		if _, err := Run(context.Background(), m, mesh.Repairs{}, io.Discard, c, RunOptions{}); !errors.Is(err, ErrBadConfig) {
			t.Errorf("%s: Run err = %v", tc.key, err)
		}
		if _, err := Slice(context.Background(), meshgen.Box(10, 10, 10), c, Options{}); !errors.Is(err, ErrBadConfig) {
			t.Errorf("%s: Slice err = %v", tc.key, err)
		}
	}
}

// TestReadINIValidates: the INI reader refuses out-of-range values with
// the line that set them, through the same Validate.
func TestReadINIValidates(t *testing.T) {
	for _, tc := range []struct{ in, line string }{
		{"nozzle_diameter = -0.4\n", "line 1"},
		{"# x\nextrusion_multiplier = 1e300\n", "line 2"},
		{"skirt_distance = 1e9\n", "line 1"},
		{"layer_height = 0.3\nnozzle_diameter = 0.25\n", "line 1"},
	} {
		_, _, err := ReadINI(strings.NewReader(tc.in), Default())
		if !errors.Is(err, ErrBadConfig) || !strings.Contains(err.Error(), tc.line) {
			t.Errorf("%q: err = %v, want ErrBadConfig at %s", tc.in, err, tc.line)
		}
	}
}

// TestRunRefusesSkirtOffBed: the brim and skirt are printed too; a model
// that fits but whose brim or skirt would leave the bed is refused before
// any G-code is written, and a bad scale is refused.
func TestRunRefusesSkirtOffBed(t *testing.T) {
	for _, tc := range []struct {
		name string
		set  func(c *Config)
		opt  RunOptions
		want error
	}{
		{"brim 100", func(c *Config) { c.BrimWidth = 100 }, RunOptions{}, mesh.ErrTooBig},
		{"skirt 120", func(c *Config) { c.SkirtDistance = 120 }, RunOptions{}, mesh.ErrTooBig},
		{"brim and model", func(c *Config) { c.BrimWidth = 40 }, RunOptions{Scale: 7}, mesh.ErrTooBig}, // 140 + 80 > 210
		{"scale inf", func(c *Config) {}, RunOptions{Scale: math.Inf(1)}, ErrBadConfig},
		{"scale nan", func(c *Config) {}, RunOptions{Scale: math.NaN()}, ErrBadConfig},
		{"rotate inf", func(c *Config) {}, RunOptions{RotateZ: math.Inf(-1)}, ErrBadConfig},
	} {
		c := Default()
		tc.set(&c)
		var out bytes.Buffer
		_, err := Run(context.Background(), meshgen.Box(20, 20, 5), mesh.Repairs{}, &out, c, tc.opt)
		if !errors.Is(err, tc.want) {
			t.Errorf("%s: err = %v, want %v", tc.name, err, tc.want)
		}
		if out.Len() != 0 {
			t.Errorf("%s: %d bytes written", tc.name, out.Len())
		}
	}
	// a brim that fits: the first layer stays on the bed
	c := Default()
	c.BrimWidth = 50
	var out bytes.Buffer
	if _, err := Run(context.Background(), meshgen.Box(20, 20, 1), mesh.Repairs{}, &out, c, RunOptions{}); err != nil {
		t.Fatalf("brim 50 on a 20 mm cube: %v", err)
	}
}

// TestSkirtOnBedExact: the planned loops are checked, not only the
// nominal margin (min_skirt_length may add loops).
func TestSkirtOnBedExact(t *testing.T) {
	c := Default()
	c.MinSkirtLength = 9000 // many loops around a small part
	c.SkirtHeight = 1
	s := &slicer{cfg: c}
	if err := checkConfig(&s.cfg); err != nil {
		t.Fatal(err)
	}
	m := meshgen.Box(20, 20, 1)
	m.Place(c.BedWidth, c.BedDepth)
	if _, err := Slice(context.Background(), m, c, Options{}); !errors.Is(err, mesh.ErrTooBig) {
		t.Errorf("9 m of skirt around a 20 mm square: err = %v, want ErrTooBig", err)
	}
}
