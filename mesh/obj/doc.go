// Package obj reads Wavefront OBJ files into triangles.
//
// Only the shape is read: vertices (v x y z, an optional w or colour after
// them ignored) and faces (f with corners v, v/vt, v//vn or v/vt/vn; indices
// from 1, negative ones counting back from the last vertex read). Faces with
// more than three corners are cut into triangles: a fan when convex, ear
// clipping in the face's plane otherwise. Texture coordinates, normals,
// groups, materials, lines and curves are ignored, and a statement may be
// continued on the next line with a backslash. OBJ has no unit: coordinates
// are taken as millimetres.
//
// Importing the package registers the format with mesh.ReadFile and
// mesh.Detect (text whose first statement is an OBJ keyword).
//
// Errors wrap ErrSyntax, ErrIndex or ErrEmpty and give the line; ReadFile
// prefixes the path.
package obj
