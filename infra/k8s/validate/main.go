// Command validate renders Kustomizations in-process (sigs.k8s.io/kustomize/api,
// as `kustomize build` does) and checks every rendered object offline:
//
//   - built-in kinds are decoded strictly into their k8s.io/api types: an
//     unknown or duplicate field, or a value of the wrong type, is an error;
//   - custom resources (Strimzi, MongoDB community operator) are checked
//     against the openAPIV3Schema of their apiVersion in the vendored CRDs:
//     unknown fields (structural pruning), types, enums, required fields,
//     list types and the CRDs' CEL rules, as an API server would;
//   - a kind that is neither is an error (the manifests stay checkable);
//   - every object's metadata (name, labels, annotations) is valid.
//
// Usage:
//
//	validate -crds DIR [-o FILE] KUSTOMIZATION_DIR...
//
// Exit code 0: every object is valid; 1: problems, one line each
// ("<dir>: <Kind>/<name>: <problem>"); 2: wrong usage. With -o the rendered
// objects are written as JSON ({"<dir>": [object, …]}) for tests to inspect.
package main

import (
	"encoding/json"
	"flag"
	"fmt"
	"os"
)

func main() {
	crdDir := flag.String("crds", "", "directory of the CustomResourceDefinition YAML files (required)")
	out := flag.String("o", "", "write the rendered objects as JSON to this file")
	flag.Usage = func() {
		fmt.Fprintln(flag.CommandLine.Output(), "usage: validate -crds DIR [-o FILE] KUSTOMIZATION_DIR...")
		flag.PrintDefaults()
	}
	flag.Parse()
	if flag.NArg() == 0 || *crdDir == "" {
		flag.Usage()
		os.Exit(2)
	}

	crds, err := loadCRDs(*crdDir)
	if err != nil {
		fmt.Fprintf(os.Stderr, "validate: %v\n", err)
		os.Exit(1)
	}
	builtins := newBuiltinDecoder()

	rendered := map[string][]map[string]any{}
	problems := 0
	for _, dir := range flag.Args() {
		objects, err := render(dir)
		if err != nil {
			fmt.Fprintf(os.Stderr, "%s: kustomize build failed: %v\n", dir, err)
			problems++
			continue
		}
		found := 0
		for _, object := range objects {
			for _, problem := range validateObject(object, builtins, crds) {
				fmt.Fprintf(os.Stderr, "%s: %s: %s\n", dir, object.ref(), problem)
				found++
			}
			rendered[dir] = append(rendered[dir], object.content)
		}
		problems += found
		if found == 0 {
			fmt.Printf("%s: %d objects valid (%s)\n", dir, len(objects), summarize(objects))
		}
	}
	if *out != "" {
		data, err := json.Marshal(rendered)
		if err == nil {
			err = os.WriteFile(*out, data, 0o644)
		}
		if err != nil {
			fmt.Fprintf(os.Stderr, "validate: writing %s: %v\n", *out, err)
			os.Exit(1)
		}
	}
	if problems > 0 {
		fmt.Fprintf(os.Stderr, "validate: %d problem(s)\n", problems)
		os.Exit(1)
	}
}
