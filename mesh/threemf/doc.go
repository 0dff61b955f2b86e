// Package threemf reads 3MF files (3D Manufacturing Format, core
// specification), as PrusaSlicer, Printables, Cura and CAD programs write
// them, into triangles in millimetres.
//
// A 3MF file is a zip archive. Its root model part (found through
// _rels/.rels, usually 3D/3dmodel.model) is XML: <model unit="…"> holds
// <resources> with <object> elements, each a <mesh> (<vertices> of
// <vertex x y z>, <triangles> of <triangle v1 v2 v3>, indices from 0) or
// <components> placing other objects with a transform; <build> lists the
// <item> elements to print, each an object and a transform. Decode applies
// the unit (micron to meter), the components' and items' transforms, and
// follows components into other model parts (p:path of the production
// extension, as Bambu Studio and Printables files use). Objects of type
// "support" or "other" are not printed. Colours, materials, slice stacks and
// other extensions are ignored; the objects keep the placement the file gave
// them.
//
// Importing the package registers the format with mesh.ReadFile and
// mesh.Detect (content starting with the zip signature "PK\x03\x04").
//
// Errors wrap ErrNotThreeMF, ErrSyntax, ErrReference or ErrEmpty and name
// the part and XML line when there is one; ReadFile prefixes the path.
package threemf
