package main

import (
	"fmt"
	"sort"
	"strings"

	utiljson "k8s.io/apimachinery/pkg/util/json"
	"sigs.k8s.io/kustomize/api/krusty"
	"sigs.k8s.io/kustomize/kyaml/filesys"
)

// object is one rendered resource: its JSON form and the same decoded into a map.
type object struct {
	json    []byte
	content map[string]any
}

func (o object) apiVersion() string { return stringAt(o.content, "apiVersion") }
func (o object) kind() string       { return stringAt(o.content, "kind") }

func (o object) ref() string {
	metadata, _ := o.content["metadata"].(map[string]any)
	name := stringAt(metadata, "name")
	if namespace := stringAt(metadata, "namespace"); namespace != "" {
		name = namespace + "/" + name
	}
	return fmt.Sprintf("%s/%s", o.kind(), name)
}

func stringAt(m map[string]any, key string) string {
	value, _ := m[key].(string)
	return value
}

// render runs `kustomize build dir` in-process with kustomize's defaults
// (load restrictor: root only; no plugins).
func render(dir string) ([]object, error) {
	resources, err := krusty.MakeKustomizer(krusty.MakeDefaultOptions()).Run(filesys.MakeFsOnDisk(), dir)
	if err != nil {
		return nil, err
	}
	var objects []object
	for _, resource := range resources.Resources() {
		data, err := resource.MarshalJSON()
		if err != nil {
			return nil, fmt.Errorf("%s: %w", resource.CurId(), err)
		}
		// integers as int64, as the API server decodes them (the schema checks need it)
		var content map[string]any
		if err := utiljson.Unmarshal(data, &content); err != nil {
			return nil, fmt.Errorf("%s: %w", resource.CurId(), err)
		}
		objects = append(objects, object{json: data, content: content})
	}
	return objects, nil
}

// summarize counts the objects per kind, e.g. "Deployment 6, Service 6".
func summarize(objects []object) string {
	counts := map[string]int{}
	for _, o := range objects {
		counts[o.kind()]++
	}
	kinds := make([]string, 0, len(counts))
	for kind := range counts {
		kinds = append(kinds, kind)
	}
	sort.Strings(kinds)
	parts := make([]string, 0, len(kinds))
	for _, kind := range kinds {
		parts = append(parts, fmt.Sprintf("%s %d", kind, counts[kind]))
	}
	return strings.Join(parts, ", ")
}
