package slice

// Config holds every setting the slicer and the G-code writer use. Field
// comments name the PrusaSlicer config key each one reads and writes, so a
// PrusaSlicer export (--config FILE.ini) maps onto it. Default returns the
// Prusa i3 MK3S + Prusament PLA, 0.20 mm QUALITY profile
// (corpus/profiles/mk3s_pla.ini).
type Config struct {
	// Printer.
	BedWidth, BedDepth float64 // bed_shape, mm
	MaxPrintHeight     float64 // max_print_height
	NozzleDiameter     float64 // nozzle_diameter
	PrinterModel       string  // printer_model, checked by M862.3
	ZOffset            float64 // z_offset, mm added to every Z of the print
	FilamentDiameter   float64 // filament_diameter
	FilamentDensity    float64 // filament_density, g/cm³
	ExtrusionMult      float64 // extrusion_multiplier

	// The printer's flavour, as data: custom G-code written before the
	// first layer and after the last, in PrusaSlicer's placeholder
	// language (see macro.go for what is supported). Default holds the
	// MK3S sequences: model and nozzle checks, heating, homing, mesh bed
	// levelling, the purge line; then lift, present, heaters off.
	StartGCode         string // start_gcode
	EndGCode           string // end_gcode
	StartFilamentGCode string // start_filament_gcode (after start_gcode)
	EndFilamentGCode   string // end_filament_gcode (before end_gcode)
	// BeforeLayerGCode is written at each layer change before the move to
	// the new layer's height, LayerGCode after it (before_layer_gcode,
	// layer_gcode), with [layer_num] (0 for the first layer), [layer_z]
	// and [max_layer_z] besides the settings. The stock profile's are
	// comments and a G92 E0.0 that relative E makes moot; Default leaves
	// them empty (its G-code as before), a config export brings them.
	BeforeLayerGCode string // before_layer_gcode
	LayerGCode       string // layer_gcode
	// ColorChangeGCode and PausePrintGCode are written at a colour change
	// or pause (LayerEvent), with [color_change_extruder] (0) too.
	ColorChangeGCode string // color_change_gcode
	PausePrintGCode  string // pause_print_gcode
	// Profile names and notes that templates test ({if print_settings_id
	// =~ /.*QUALITY.*/}); nothing else reads them.
	PrintSettingsID    string // print_settings_id
	FilamentSettingsID string // filament_settings_id
	PrinterSettingsID  string // printer_settings_id
	PrinterNotes       string // printer_notes

	// Layers and widths.
	LayerHeight           float64      // layer_height
	FirstLayerHeight      float64      // first_layer_height
	Perimeters            int          // perimeters
	ExtrusionWidth        float64      // extrusion_width
	ExternalPerimeterW    float64      // external_perimeter_extrusion_width
	PerimeterW            float64      // perimeter_extrusion_width
	FirstLayerW           float64      // first_layer_extrusion_width
	InfillW               float64      // infill_extrusion_width
	SolidInfillW          float64      // solid_infill_extrusion_width
	TopInfillW            float64      // top_infill_extrusion_width
	TopSolidLayers        int          // top_solid_layers
	BottomSolidLayers     int          // bottom_solid_layers
	TopSolidMinThickness  float64      // top_solid_min_thickness
	BotSolidMinThickness  float64      // bottom_solid_min_thickness
	FillDensity           float64      // fill_density, 0..1 (the file says "15%")
	FillPattern           FillPattern  // fill_pattern: gyroid, grid, rectilinear
	FillAngle             float64      // fill_angle, degrees
	InfillOverlap         float64      // infill_overlap, fraction of the perimeter width (the file says "25%")
	InfillAnchor          float64      // infill_anchor, mm: edge a lone sparse-infill line end runs along (0: none)
	InfillAnchorMax       float64      // infill_anchor_max, mm: longest edge joining two sparse-infill line ends
	SeamPosition          SeamPosition // seam_position: aligned (the only one printed)
	Skirts                int          // skirts
	SkirtDistance         float64      // skirt_distance, mm
	SkirtHeight           int          // skirt_height, layers
	MinSkirtLength        float64      // min_skirt_length, mm of filament the skirt uses at least
	BrimWidth             float64      // brim_width, mm
	ExternalPerimetersFst bool         // external_perimeters_first (false: external last)
	ElefantFootComp       float64      // elefant_foot_compensation, mm (first layer shrunk by it)
	EnsureVerticalShell   bool         // ensure_vertical_shell_thickness: solid infill behind thin sloped walls

	// Support material (support.go), off by default as in the MK3S profile.
	Support                 bool    // support_material
	SupportAuto             bool    // support_material_auto (only automatic supports are made)
	SupportThreshold        float64 // support_material_threshold, degrees from the horizontal (0: auto)
	SupportBuildplateOnly   bool    // support_material_buildplate_only
	SupportContactDistance  float64 // support_material_contact_distance, mm (0: soluble, no gap)
	SupportInterfaceLayers  int     // support_material_interface_layers
	SupportSpacing          float64 // support_material_spacing, mm between base lines
	SupportInterfaceSpacing float64 // support_material_interface_spacing, mm between interface lines
	SupportPattern          string  // support_material_pattern: rectilinear, rectilinear-grid
	SupportAngle            float64 // support_material_angle, degrees
	SupportClosingRadius    float64 // support_material_closing_radius, mm
	SupportXYSpacing        float64 // support_material_xy_spacing, mm (the file says 60%: of the external perimeter width)
	SupportWidth            float64 // support_material_extrusion_width, mm
	SupportSpeed            float64 // support_material_speed, mm/s
	SupportInterfaceSpeed   float64 // support_material_interface_speed, mm/s (the file says 80%: of the support speed)

	// Raft (raft.go): raft_layers layers of support material under the
	// model, which is lifted onto them. Off (0) by default as in the MK3S
	// profile.
	RaftLayers              int     // raft_layers
	RaftContactDistance     float64 // raft_contact_distance, mm between the raft's top and the model
	RaftExpansion           float64 // raft_expansion, mm the raft reaches past the model's first layer
	RaftFirstLayerDensity   float64 // raft_first_layer_density, 0..1 (the file says "90%")
	RaftFirstLayerExpansion float64 // raft_first_layer_expansion, mm the raft's first layer reaches further
	FirstLayerSpeedOverRaft float64 // first_layer_speed_over_raft, mm/s: the model's first layer on a raft

	// Brim (skirt.go): which sides of the first layer's outlines get
	// brim_width mm of loops, and the gap left between brim and model.
	BrimType       BrimType // brim_type
	BrimSeparation float64  // brim_separation, mm from the first layer as printed

	// Vase mode (vase.go): spiral_vase prints the bottom_solid_layers, then
	// one perimeter whose height rises continuously (no infill, no top).
	SpiralVase bool // spiral_vase

	// Ironing (ironing.go): a second pass over top surfaces with a trickle
	// of plastic, off by default.
	Ironing         bool        // ironing
	IroningType     IroningType // ironing_type: top, topmost, solid
	IroningFlowrate float64     // ironing_flowrate, fraction of a full layer (the file says "15%")
	IroningSpacing  float64     // ironing_spacing, mm between passes
	IroningSpeed    float64     // ironing_speed, mm/s

	// Speeds, mm/s.
	ExternalPerimeterSpeed float64 // external_perimeter_speed
	PerimeterSpeed         float64 // perimeter_speed
	SmallPerimeterSpeed    float64 // small_perimeter_speed
	InfillSpeed            float64 // infill_speed
	SolidInfillSpeed       float64 // solid_infill_speed
	TopSolidInfillSpeed    float64 // top_solid_infill_speed
	GapFillSpeed           float64 // gap_fill_speed
	BridgeSpeed            float64 // bridge_speed
	FirstLayerSpeed        float64 // first_layer_speed
	TravelSpeed            float64 // travel_speed
	TravelSpeedZ           float64 // travel_speed_z
	MaxVolumetricSpeed     float64 // filament_max_volumetric_speed, mm³/s (0 = none)

	// Accelerations, mm/s².
	DefaultAcceleration    float64 // default_acceleration
	PerimeterAcceleration  float64 // perimeter_acceleration
	InfillAcceleration     float64 // infill_acceleration
	BridgeAcceleration     float64 // bridge_acceleration
	FirstLayerAcceleration float64 // first_layer_acceleration

	// Retraction.
	RetractLength      float64 // retract_length
	RetractSpeed       float64 // retract_speed
	DeretractSpeed     float64 // deretract_speed (0 = retract_speed)
	RetractLift        float64 // retract_lift
	RetractBeforeTrav  float64 // retract_before_travel, mm
	RetractLayerChange bool    // retract_layer_change
	Wipe               bool    // wipe: retract while moving back along the line just printed
	RetractBeforeWipe  float64 // retract_before_wipe: fraction retracted in place before the wipe
	// OnlyRetractInside is only_retract_when_crossing_perimeters: a travel
	// of retract_before_travel or more that stays inside its island, over
	// no finished top surface, is not retracted. Off (PrusaSlicer's and the
	// MK3S profile's default), every such travel is.
	OnlyRetractInside bool

	// Temperatures and cooling.
	Temperature           float64 // temperature
	FirstLayerTemperature float64 // first_layer_temperature
	BedTemperature        float64 // bed_temperature
	FirstLayerBedTemp     float64 // first_layer_bed_temperature
	MinFanSpeed           float64 // min_fan_speed, %
	MaxFanSpeed           float64 // max_fan_speed, %
	BridgeFanSpeed        float64 // bridge_fan_speed, %
	DisableFanFirstLayers int     // disable_fan_first_layers
	FullFanSpeedLayer     int     // full_fan_speed_layer
	SlowdownBelowLayerTm  float64 // slowdown_below_layer_time, s
	FanBelowLayerTime     float64 // fan_below_layer_time, s
	MinPrintSpeed         float64 // min_print_speed, mm/s

	// Machine limits (M201/M203/M204/M205), the normal-mode values.
	MaxFeedrate     [4]float64 // machine_max_feedrate_x/y/z/e, mm/s
	MaxAcceleration [4]float64 // machine_max_acceleration_x/y/z/e, mm/s²
	MaxAccelExtrude float64    // machine_max_acceleration_extruding
	MaxAccelRetract float64    // machine_max_acceleration_retracting
	MaxAccelTravel  float64    // machine_max_acceleration_travel
	MaxJerk         [4]float64 // machine_max_jerk_x/y/z/e, mm/s

	// SilentMode (silent_mode): the printer also runs in a silent (stealth)
	// mode, with the limits below, the second value of each machine_max_*
	// pair. The G-code then carries that mode's time estimate too (M73 Q/S,
	// which the MK3S shows while in stealth mode).
	SilentMode            bool
	MaxFeedrateSilent     [4]float64
	MaxAccelerationSilent [4]float64
	MaxAccelExtrudeSilent float64
	MaxAccelRetractSilent float64
	MaxAccelTravelSilent  float64
	MaxJerkSilent         [4]float64

	// Bridges and overhangs.
	BridgeFlowRatio float64 // bridge_flow_ratio: bridges lay this fraction of the solid-infill plastic
	Overhangs       bool    // overhangs: perimeter stretches over air printed at bridge speed
}

// Default returns the embedded profile: Prusa i3 MK3S, Prusament PLA,
// 0.20 mm QUALITY, as PrusaSlicer 2.5 ships it.
func Default() Config {
	return Config{
		BedWidth: 250, BedDepth: 210, MaxPrintHeight: 210,
		NozzleDiameter: 0.4, PrinterModel: "MK3S",
		FilamentDiameter: 1.75, FilamentDensity: 1.24, ExtrusionMult: 1,
		StartGCode: MK3SStartGCode, EndGCode: MK3SEndGCode,
		StartFilamentGCode: MK3SStartFilamentGCode, EndFilamentGCode: MK3SEndFilamentGCode,
		PrinterNotes:    MK3SPrinterNotes,
		PrintSettingsID: "0.20mm QUALITY @MK3", FilamentSettingsID: "Prusament PLA",
		PrinterSettingsID: "Original Prusa i3 MK3S & MK3S+",

		LayerHeight: 0.2, FirstLayerHeight: 0.2, Perimeters: 2,
		ExtrusionWidth: 0.45, ExternalPerimeterW: 0.45, PerimeterW: 0.45,
		FirstLayerW: 0.42, InfillW: 0.45, SolidInfillW: 0.45, TopInfillW: 0.4,
		TopSolidLayers: 6, BottomSolidLayers: 4,
		TopSolidMinThickness: 0.7, BotSolidMinThickness: 0.5,
		FillDensity: 0.15, FillPattern: Gyroid, FillAngle: 45, InfillOverlap: 0.25,
		InfillAnchor: 2.5, InfillAnchorMax: 12,
		SeamPosition: SeamAligned,
		Skirts:       1, SkirtDistance: 2, SkirtHeight: 3, MinSkirtLength: 4,
		ElefantFootComp: 0.2, EnsureVerticalShell: true,

		SupportAuto: true, SupportThreshold: 50, SupportContactDistance: 0.2, SupportInterfaceLayers: 2,
		SupportSpacing: 2, SupportInterfaceSpacing: 0.2, SupportPattern: "rectilinear", SupportClosingRadius: 2,
		SupportXYSpacing: 0.27, SupportWidth: 0.35, SupportSpeed: 50, SupportInterfaceSpeed: 40,

		RaftContactDistance: 0.2, RaftExpansion: 1.5, RaftFirstLayerDensity: 0.9, RaftFirstLayerExpansion: 3,
		FirstLayerSpeedOverRaft: 30,
		BrimType:                BrimOuterOnly, BrimSeparation: 0.1,
		IroningType: IroningTop, IroningFlowrate: 0.15, IroningSpacing: 0.1, IroningSpeed: 15,

		ExternalPerimeterSpeed: 25, PerimeterSpeed: 45, SmallPerimeterSpeed: 25,
		InfillSpeed: 80, SolidInfillSpeed: 80, TopSolidInfillSpeed: 40,
		GapFillSpeed: 40, BridgeSpeed: 25, FirstLayerSpeed: 20,
		TravelSpeed: 180, TravelSpeedZ: 12, MaxVolumetricSpeed: 15,

		DefaultAcceleration: 1000, PerimeterAcceleration: 800, InfillAcceleration: 1000,
		BridgeAcceleration: 1000, FirstLayerAcceleration: 800,

		RetractLength: 0.8, RetractSpeed: 35, RetractLift: 0.4,
		RetractBeforeTrav: 1, RetractLayerChange: true, Wipe: true,

		Temperature: 215, FirstLayerTemperature: 215, BedTemperature: 60, FirstLayerBedTemp: 60,
		MinFanSpeed: 100, MaxFanSpeed: 100, BridgeFanSpeed: 100,
		DisableFanFirstLayers: 1, FullFanSpeedLayer: 4,
		SlowdownBelowLayerTm: 15, FanBelowLayerTime: 100, MinPrintSpeed: 15,

		MaxFeedrate:     [4]float64{200, 200, 12, 120},
		MaxAcceleration: [4]float64{1000, 1000, 200, 5000},
		MaxAccelExtrude: 1250, MaxAccelRetract: 1250, MaxAccelTravel: 1500,
		MaxJerk: [4]float64{8, 8, 0.4, 4.5},

		SilentMode:            true,
		MaxFeedrateSilent:     [4]float64{100, 100, 12, 120},
		MaxAccelerationSilent: [4]float64{960, 960, 200, 5000},
		MaxAccelExtrudeSilent: 1250, MaxAccelRetractSilent: 1250, MaxAccelTravelSilent: 1250,
		MaxJerkSilent: [4]float64{8, 8, 0.4, 4.5},

		BridgeFlowRatio: 0.95, Overhangs: true,

		ColorChangeGCode: MK3SColorChangeGCode, PausePrintGCode: MK3SPausePrintGCode,
	}
}

// FillPattern is a sparse infill pattern, named as PrusaSlicer's
// fill_pattern values.
type FillPattern string

// The sparse infill patterns the slicer prints.
const (
	Gyroid      FillPattern = "gyroid"
	Grid        FillPattern = "grid"
	Rectilinear FillPattern = "rectilinear"
)

// FillPatterns lists the patterns the slicer prints.
func FillPatterns() []FillPattern { return []FillPattern{Gyroid, Grid, Rectilinear} }

// BrimType says which outlines of the first layer get a brim, named as
// PrusaSlicer's brim_type values.
type BrimType string

// The brim types: around the islands' outer outlines, inside their holes,
// both, or none even when brim_width is set.
const (
	BrimOuterOnly     BrimType = "outer_only"
	BrimInnerOnly     BrimType = "inner_only"
	BrimOuterAndInner BrimType = "outer_and_inner"
	BrimNone          BrimType = "no_brim"
)

// BrimTypes lists the brim types.
func BrimTypes() []BrimType {
	return []BrimType{BrimOuterOnly, BrimInnerOnly, BrimOuterAndInner, BrimNone}
}

// IroningType says which surfaces are ironed, named as PrusaSlicer's
// ironing_type values.
type IroningType string

// The ironing types: every top surface, only the model's topmost layer's,
// or every solid surface (top and internal solid infill).
const (
	IroningTop     IroningType = "top"
	IroningTopmost IroningType = "topmost"
	IroningSolid   IroningType = "solid"
)

// IroningTypes lists the ironing types.
func IroningTypes() []IroningType { return []IroningType{IroningTop, IroningTopmost, IroningSolid} }

// SeamPosition says where the loops of a layer start, named as
// PrusaSlicer's seam_position values.
type SeamPosition string

// SeamAligned lines the seams up from layer to layer, towards the back of
// the part; PrusaSlicer's nearest, rear and random are not printed, and a
// profile asking for them is refused rather than printed otherwise.
const SeamAligned SeamPosition = "aligned"

// SeamPositions lists the seam positions the slicer prints.
func SeamPositions() []SeamPosition { return []SeamPosition{SeamAligned} }

// The custom G-code of PrusaSlicer's stock Original Prusa i3 MK3S profile
// (PrusaResearch.ini 1.5.1, as Debian's PrusaSlicer 2.5 ships it), which
// Default holds: the printer's flavour as data. A profile's own templates
// replace them.
const (
	MK3SStartGCode = `M862.3 P "[printer_model]" ; printer model check
M862.1 P[nozzle_diameter] ; nozzle diameter check
M115 U3.11.0 ; tell printer latest fw version
G90 ; use absolute coordinates
M83 ; extruder relative mode
M104 S[first_layer_temperature] ; set extruder temp
M140 S[first_layer_bed_temperature] ; set bed temp
M190 S[first_layer_bed_temperature] ; wait for bed temp
M109 S[first_layer_temperature] ; wait for extruder temp
G28 W ; home all without mesh bed level
G80 ; mesh bed leveling
{if filament_settings_id[initial_tool]=~/.*Prusament PA11.*/}
G1 Z0.3 F720
G1 Y-3 F1000 ; go outside print area
G92 E0
G1 X60 E9 F1000 ; intro line
G1 X100 E9 F1000 ; intro line
{else}
G1 Z0.2 F720
G1 Y-3 F1000 ; go outside print area
G92 E0
G1 X60 E9 F1000 ; intro line
G1 X100 E12.5 F1000 ; intro line
{endif}
G92 E0
M221 S{if layer_height<0.075}100{else}95{endif}

; Don't change E values below. Excessive value can damage the printer.
{if print_settings_id=~/.*(DETAIL @MK3|QUALITY @MK3).*/}M907 E430 ; set extruder motor current{endif}
{if print_settings_id=~/.*(SPEED @MK3|DRAFT @MK3).*/}M907 E538 ; set extruder motor current{endif}`
	MK3SStartFilamentGCode = `M900 K{if printer_notes=~/.*PRINTER_MODEL_MINI.*/ and nozzle_diameter[0]==0.6}0.12{elsif printer_notes=~/.*PRINTER_MODEL_MINI.*/ and nozzle_diameter[0]==0.8}0.06{elsif printer_notes=~/.*PRINTER_MODEL_MINI.*/}0.2{elsif nozzle_diameter[0]==0.8}0.01{elsif nozzle_diameter[0]==0.6}0.04{else}0.05{endif} ; Filament gcode LA 1.5
{if printer_notes=~/.*PRINTER_MODEL_MINI.*/};{elsif printer_notes=~/.*PRINTER_HAS_BOWDEN.*/}M900 K200{elsif nozzle_diameter[0]==0.6}M900 K18{elsif nozzle_diameter[0]==0.8};{else}M900 K30{endif} ; Filament gcode LA 1.0`
	MK3SEndFilamentGCode = `; Filament-specific end gcode`
	MK3SColorChangeGCode = "M600\nG1 E0.4 F1500 ; prime after color change"
	MK3SPausePrintGCode  = "M601"
	MK3SEndGCode         = `{if max_layer_z < max_print_height}G1 Z{z_offset+min(max_layer_z+1, max_print_height)} F720 ; Move print head up{endif}
G1 X0 Y200 F3600 ; park
{if max_layer_z < max_print_height}G1 Z{z_offset+min(max_layer_z+49, max_print_height)} F720 ; Move print head further up{endif}
G4 ; wait
M221 S100 ; reset flow
M900 K0 ; reset LA
{if print_settings_id=~/.*(DETAIL @MK3|QUALITY @MK3|@0.25 nozzle MK3).*/}M907 E538 ; reset extruder motor current{endif}
M104 S0 ; turn off temperature
M140 S0 ; turn off heatbed
M107 ; turn off fan
M84 ; disable motors`
	MK3SPrinterNotes = `Don't remove the following keywords! These keywords are used in the "compatible printer" condition of the print and filament profiles to link the particular print and filament profiles to this printer profile.
PRINTER_VENDOR_PRUSA3D
PRINTER_MODEL_MK3
`
)
