package slice

import (
	"bytes"
	"errors"
	"os"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/usinette/usinette/internal/corpus"
)

// TestReadINIStockProfile reads PrusaSlicer's own export of the MK3S PLA
// profile: it must give exactly the embedded default.
func TestReadINIStockProfile(t *testing.T) {
	f, err := os.Open(corpus.Path(t, "profiles/mk3s_pla.ini"))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	var zero Config
	got, res, err := ReadINI(f, zero)
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(Default(), got); diff != "" {
		t.Errorf("profile differs from Default() (-Default +profile):\n%s", diff)
	}
	if len(res.Unknown) < 100 {
		t.Errorf("only %d unknown keys reported; the export has ~270 keys", len(res.Unknown))
	}
	for _, k := range res.Unknown {
		if _, ok := settingIndex[k]; ok {
			t.Errorf("known key %s reported unknown", k)
		}
	}
	for _, want := range []string{"wipe_tower", "draft_shield"} {
		found := false
		for _, k := range res.Unknown {
			found = found || k == want
		}
		if !found {
			t.Errorf("unknown keys lack %s", want)
		}
	}
}

func TestINIRoundTrip(t *testing.T) {
	c := Default()
	c.FillDensity = 0.2
	c.FillPattern = "grid"
	c.Perimeters = 3
	c.BedWidth, c.BedDepth = 180, 180
	c.ExternalPerimetersFst = true
	var b bytes.Buffer
	if err := WriteINI(&b, c); err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"fill_density = 20%\n", "bed_shape = 0x0,180x0,180x180,0x180\n", "perimeters = 3\n", "external_perimeters_first = 1\n"} {
		if !strings.Contains(b.String(), want) {
			t.Errorf("INI lacks %q", want)
		}
	}
	got, res, err := ReadINI(&b, Config{})
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Unknown) != 0 {
		t.Errorf("unknown keys in our own output: %v", res.Unknown)
	}
	if diff := cmp.Diff(c, got); diff != "" {
		t.Errorf("round trip (-want +got):\n%s", diff)
	}
}

func TestReadINIValues(t *testing.T) {
	tests := []struct {
		name string
		in   string
		want func(c *Config)
	}{
		{"percent density", "fill_density = 25%", func(c *Config) { c.FillDensity = 0.25 }},
		{"list takes first", "machine_max_feedrate_x = 150,100\nretract_length = 1,2", func(c *Config) { c.MaxFeedrate[0] = 150; c.RetractLength = 1 }},
		{"width of nozzle", "nozzle_diameter = 0.6\nperimeter_extrusion_width = 110%", func(c *Config) { c.NozzleDiameter = 0.6; c.PerimeterW = 0.66 }},
		{"percent before its base", "solid_infill_speed = 50%\ninfill_speed = 100", func(c *Config) { c.InfillSpeed = 100; c.SolidInfillSpeed = 50 }},
		{"quoted string", `printer_model = "MK3"`, func(c *Config) { c.PrinterModel = "MK3" }},
		{"comments and blanks", "# hello\n; world\n\n[print:x]\nbrim_width = 5", func(c *Config) { c.BrimWidth = 5 }},
		{"bool", "retract_layer_change = 0", func(c *Config) { c.RetractLayerChange = false }},
		{"bed offset", "bed_shape = -10x-5,240x-5,240x205,-10x205", func(c *Config) { c.BedWidth, c.BedDepth = 250, 210 }},
		{"machine limits: normal,silent", "machine_max_acceleration_x = 1500,800\nmachine_max_jerk_x = 9\nsilent_mode = 0",
			func(c *Config) {
				c.MaxAcceleration[0], c.MaxAccelerationSilent[0] = 1500, 800
				c.MaxJerk[0], c.MaxJerkSilent[0] = 9, 9
				c.SilentMode = false
			}},
		{"anchors in mm and in % of the infill width", "infill_anchor = 600%\ninfill_anchor_max = 0", func(c *Config) { c.InfillAnchor, c.InfillAnchorMax = 2.7, 0 }},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, _, err := ReadINI(strings.NewReader(tt.in), Default())
			if err != nil {
				t.Fatal(err)
			}
			want := Default()
			tt.want(&want)
			if diff := cmp.Diff(want, got, cmpApprox); diff != "" {
				t.Errorf("(-want +got):\n%s", diff)
			}
		})
	}
}

var cmpApprox = cmp.Comparer(func(a, b float64) bool { d := a - b; return d < 1e-9 && d > -1e-9 })

func TestReadINIErrors(t *testing.T) {
	for _, in := range []string{
		"layer_height = thin",
		"fill_pattern = honeycomb",
		"no equals sign here",
		"bed_shape = 0x0,250",
		"retract_layer_change = maybe",
		"layer_height = NaN",
	} {
		_, _, err := ReadINI(strings.NewReader(in), Default())
		if err == nil {
			t.Errorf("%q: no error", in)
			continue
		}
		if !errors.Is(err, ErrBadConfig) {
			t.Errorf("%q: %v does not wrap ErrBadConfig", in, err)
		}
		if !strings.Contains(err.Error(), "line 1") {
			t.Errorf("%q: error %q does not name the line", in, err)
		}
	}
}

func FuzzReadINI(f *testing.F) {
	f.Add("fill_density = 15%\nbed_shape = 0x0,250x0,250x210,0x210\n")
	f.Add("perimeter_extrusion_width = 105%\nnozzle_diameter = 0.4,0.4\n")
	f.Add("# comment\nprinter_model = \"MK3S\"\nunknown_key = 1\n")
	f.Fuzz(func(t *testing.T, in string) {
		c, _, err := ReadINI(strings.NewReader(in), Default())
		if err != nil {
			return
		}
		// Whatever was read writes back and reads again to the same.
		var b bytes.Buffer
		if err := WriteINI(&b, c); err != nil {
			t.Fatal(err)
		}
		c2, _, err := ReadINI(&b, Config{})
		if err != nil {
			t.Fatalf("re-reading our own INI: %v\n%s", err, b.String())
		}
		if diff := cmp.Diff(c, c2, cmpApprox); diff != "" {
			t.Errorf("round trip differs: %s", diff)
		}
	})
}
