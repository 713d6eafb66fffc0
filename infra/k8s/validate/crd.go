package main

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"sort"

	appsv1 "k8s.io/api/apps/v1"
	"k8s.io/apiextensions-apiserver/pkg/apis/apiextensions"
	apiextensionsv1 "k8s.io/apiextensions-apiserver/pkg/apis/apiextensions/v1"
	structuralschema "k8s.io/apiextensions-apiserver/pkg/apiserver/schema"
	"k8s.io/apiextensions-apiserver/pkg/apiserver/schema/cel"
	"k8s.io/apiextensions-apiserver/pkg/apiserver/schema/listtype"
	"k8s.io/apiextensions-apiserver/pkg/apiserver/schema/pruning"
	schemavalidation "k8s.io/apiextensions-apiserver/pkg/apiserver/validation"
	apimachineryvalidation "k8s.io/apimachinery/pkg/api/validation"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	k8sruntime "k8s.io/apimachinery/pkg/runtime"
	"k8s.io/apimachinery/pkg/util/validation/field"
	utilyaml "k8s.io/apimachinery/pkg/util/yaml"
	celconfig "k8s.io/apiserver/pkg/apis/cel"
)

// crdSchema is the schema of one served version of a CRD.
type crdSchema struct {
	namespaced bool
	structural *structuralschema.Structural
	validator  schemavalidation.SchemaValidator
	cel        *cel.Validator // nil when the schema has no x-kubernetes-validations
}

// crdIndex maps "<group>/<version>/<kind>" (an object's apiVersion + "/" + kind) to its schema.
type crdIndex map[string]crdSchema

// loadCRDs reads every *.yaml file of dir (several documents per file allowed).
func loadCRDs(dir string) (crdIndex, error) {
	files, err := filepath.Glob(filepath.Join(dir, "*.yaml"))
	if err != nil {
		return nil, err
	}
	if len(files) == 0 {
		return nil, fmt.Errorf("no CRD files (*.yaml) in %s", dir)
	}
	decoder := newBuiltinDecoder()
	index := crdIndex{}
	for _, file := range files {
		documents, err := yamlDocuments(file)
		if err != nil {
			return nil, err
		}
		for _, document := range documents {
			decoded, _, err := decoder.serializer.Decode(document, nil, nil)
			if err != nil {
				return nil, fmt.Errorf("%s: %w", file, err)
			}
			crd, ok := decoded.(*apiextensionsv1.CustomResourceDefinition)
			if !ok {
				return nil, fmt.Errorf("%s: holds a %T, not a CustomResourceDefinition", file, decoded)
			}
			if err := index.add(crd); err != nil {
				return nil, fmt.Errorf("%s: %w", file, err)
			}
		}
	}
	return index, nil
}

func yamlDocuments(file string) ([][]byte, error) {
	f, err := os.Open(file)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	reader := utilyaml.NewYAMLReader(bufio.NewReader(f))
	var documents [][]byte
	for {
		document, err := reader.Read()
		if errors.Is(err, io.EOF) {
			return documents, nil
		}
		if err != nil {
			return nil, fmt.Errorf("%s: %w", file, err)
		}
		if len(bytes.TrimSpace(document)) > 0 && !bytes.Equal(bytes.TrimSpace(document), []byte("---")) {
			documents = append(documents, document)
		}
	}
}

func (index crdIndex) add(crd *apiextensionsv1.CustomResourceDefinition) error {
	for _, version := range crd.Spec.Versions {
		if !version.Served || version.Schema == nil || version.Schema.OpenAPIV3Schema == nil {
			continue
		}
		internal := &apiextensions.JSONSchemaProps{}
		if err := apiextensionsv1.Convert_v1_JSONSchemaProps_To_apiextensions_JSONSchemaProps(version.Schema.OpenAPIV3Schema, internal, nil); err != nil {
			return fmt.Errorf("%s %s: %w", crd.Name, version.Name, err)
		}
		structural, err := structuralschema.NewStructural(internal)
		if err != nil {
			return fmt.Errorf("%s %s: not a structural schema: %w", crd.Name, version.Name, err)
		}
		validator, _, err := schemavalidation.NewSchemaValidator(internal)
		if err != nil {
			return fmt.Errorf("%s %s: %w", crd.Name, version.Name, err)
		}
		index[crd.Spec.Group+"/"+version.Name+"/"+crd.Spec.Names.Kind] = crdSchema{
			namespaced: crd.Spec.Scope == apiextensionsv1.NamespaceScoped,
			structural: structural,
			validator:  validator,
			cel:        cel.NewValidator(structural, true, celconfig.PerCallLimit),
		}
	}
	return nil
}

// validate checks a custom resource as the API server would on create.
func (index crdIndex) validate(o object) []string {
	schema, ok := index[o.apiVersion()+"/"+o.kind()]
	if !ok {
		return []string{fmt.Sprintf("no built-in type and no vendored CRD (infra/k8s/crds) serves apiVersion %q kind %q", o.apiVersion(), o.kind())}
	}
	var problems []string
	// Structural pruning would silently drop unknown fields: report them instead.
	pruned := k8sruntime.DeepCopyJSON(o.content)
	unknown := pruning.PruneWithOptions(pruned, schema.structural, true, structuralschema.UnknownFieldPathOptions{TrackUnknownFieldPaths: true})
	sort.Strings(unknown)
	for _, path := range unknown {
		problems = append(problems, fmt.Sprintf("unknown field %q", path))
	}

	errs := validateCustomMetadata(o, schema.namespaced)
	errs = append(errs, schemavalidation.ValidateCustomResource(nil, o.content, schema.validator)...)
	errs = append(errs, listtype.ValidateListSetsAndMaps(nil, schema.structural, o.content)...)
	if schema.cel != nil {
		celErrs, _ := schema.cel.Validate(context.Background(), nil, schema.structural, o.content, nil, celconfig.RuntimeCELCostBudget)
		errs = append(errs, celErrs...)
	}
	problems = append(problems, errorStrings(errs)...)
	return append(problems, embeddedProblems(o)...)
}

func validateCustomMetadata(o object, namespaced bool) field.ErrorList {
	path := field.NewPath("metadata")
	data, err := json.Marshal(o.content["metadata"])
	if err != nil {
		return field.ErrorList{field.Invalid(path, nil, err.Error())}
	}
	var meta metav1.ObjectMeta
	if err := strictDecodeInto(data, &meta, "metadata"); err != nil {
		return field.ErrorList{field.Invalid(path, nil, err.Error())}
	}
	if !namespaced && meta.Namespace != "" {
		return field.ErrorList{field.Forbidden(path.Child("namespace"), "the resource is cluster-scoped")}
	}
	return apimachineryvalidation.ValidateObjectMeta(&meta, meta.Namespace != "", apimachineryvalidation.NameIsDNSSubdomain, path)
}

// embeddedProblems checks the parts of a custom resource whose schema
// preserves unknown fields but that an operator merges into a built-in type:
// the MongoDB community operator merges spec.statefulSet.spec into the
// StatefulSet it creates, so it must decode strictly as a StatefulSetSpec.
func embeddedProblems(o object) []string {
	if o.kind() != "MongoDBCommunity" {
		return nil
	}
	spec, _ := o.content["spec"].(map[string]any)
	statefulSet, _ := spec["statefulSet"].(map[string]any)
	embedded, present := statefulSet["spec"]
	if !present {
		return nil
	}
	data, err := json.Marshal(embedded)
	if err == nil {
		err = strictDecodeInto(data, &appsv1.StatefulSetSpec{}, "spec.statefulSet.spec (apps/v1 StatefulSetSpec)")
	}
	if err != nil {
		return []string{err.Error()}
	}
	return nil
}
