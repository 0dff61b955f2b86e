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
	// StartGCode and EndGCode (start_gcode, end_gcode) are custom templates
	// (template.go); empty, or the stock MK3S ones, means the built-in
	// sequences of gcode.go, which do what the stock templates do.
	StartGCode, EndGCode string
	FilamentDiameter     float64 // filament_diameter
	FilamentDensity      float64 // filament_density, g/cm³
	ExtrusionMult        float64 // extrusion_multiplier

	// Layers and widths.
	LayerHeight           float64 // layer_height
	FirstLayerHeight      float64 // first_layer_height
	Perimeters            int     // perimeters
	ExtrusionWidth        float64 // extrusion_width
	ExternalPerimeterW    float64 // external_perimeter_extrusion_width
	PerimeterW            float64 // perimeter_extrusion_width
	FirstLayerW           float64 // first_layer_extrusion_width
	InfillW               float64 // infill_extrusion_width
	SolidInfillW          float64 // solid_infill_extrusion_width
	TopInfillW            float64 // top_infill_extrusion_width
	TopSolidLayers        int     // top_solid_layers
	BottomSolidLayers     int     // bottom_solid_layers
	TopSolidMinThickness  float64 // top_solid_min_thickness
	BotSolidMinThickness  float64 // bottom_solid_min_thickness
	FillDensity           float64 // fill_density, 0..1 (the file says "15%")
	FillPattern           string  // fill_pattern: gyroid, grid, rectilinear
	FillAngle             float64 // fill_angle, degrees
	InfillOverlap         float64 // infill_overlap, fraction of the perimeter width (the file says "25%")
	InfillAnchor          float64 // infill_anchor, mm: edge a lone sparse-infill line end runs along (0: none)
	InfillAnchorMax       float64 // infill_anchor_max, mm: longest edge joining two sparse-infill line ends
	SeamPosition          string  // seam_position: aligned, nearest, rear, random
	Skirts                int     // skirts
	SkirtDistance         float64 // skirt_distance, mm
	SkirtHeight           int     // skirt_height, layers
	MinSkirtLength        float64 // min_skirt_length, mm of filament the skirt uses at least
	BrimWidth             float64 // brim_width, mm
	ExternalPerimetersFst bool    // external_perimeters_first (false: external last)
	ElefantFootComp       float64 // elefant_foot_compensation, mm (first layer shrunk by it)
	EnsureVerticalShell   bool    // ensure_vertical_shell_thickness: solid infill behind thin sloped walls

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
}

// Default returns the embedded profile: Prusa i3 MK3S, Prusament PLA,
// 0.20 mm QUALITY, as PrusaSlicer 2.5 ships it.
func Default() Config {
	return Config{
		BedWidth: 250, BedDepth: 210, MaxPrintHeight: 210,
		NozzleDiameter: 0.4, PrinterModel: "MK3S",
		FilamentDiameter: 1.75, FilamentDensity: 1.24, ExtrusionMult: 1,

		LayerHeight: 0.2, FirstLayerHeight: 0.2, Perimeters: 2,
		ExtrusionWidth: 0.45, ExternalPerimeterW: 0.45, PerimeterW: 0.45,
		FirstLayerW: 0.42, InfillW: 0.45, SolidInfillW: 0.45, TopInfillW: 0.4,
		TopSolidLayers: 6, BottomSolidLayers: 4,
		TopSolidMinThickness: 0.7, BotSolidMinThickness: 0.5,
		FillDensity: 0.15, FillPattern: "gyroid", FillAngle: 45, InfillOverlap: 0.25,
		InfillAnchor: 2.5, InfillAnchorMax: 12,
		SeamPosition: "aligned",
		Skirts:       1, SkirtDistance: 2, SkirtHeight: 3, MinSkirtLength: 4,
		ElefantFootComp: 0.2, EnsureVerticalShell: true,

		SupportAuto: true, SupportThreshold: 50, SupportContactDistance: 0.2, SupportInterfaceLayers: 2,
		SupportSpacing: 2, SupportInterfaceSpacing: 0.2, SupportPattern: "rectilinear", SupportClosingRadius: 2,
		SupportXYSpacing: 0.27, SupportWidth: 0.35, SupportSpeed: 50, SupportInterfaceSpeed: 40,

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
	}
}
