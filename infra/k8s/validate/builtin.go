package main

import (
	"fmt"

	appsv1 "k8s.io/api/apps/v1"
	autoscalingv2 "k8s.io/api/autoscaling/v2"
	batchv1 "k8s.io/api/batch/v1"
	corev1 "k8s.io/api/core/v1"
	networkingv1 "k8s.io/api/networking/v1"
	policyv1 "k8s.io/api/policy/v1"
	rbacv1 "k8s.io/api/rbac/v1"
	apiextensionsv1 "k8s.io/apiextensions-apiserver/pkg/apis/apiextensions/v1"
	apimachineryvalidation "k8s.io/apimachinery/pkg/api/validation"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/apimachinery/pkg/labels"
	k8sruntime "k8s.io/apimachinery/pkg/runtime"
	"k8s.io/apimachinery/pkg/runtime/serializer/json"
	"k8s.io/apimachinery/pkg/util/validation/field"
	sigsjson "sigs.k8s.io/json"
)

// builtinDecoder decodes the built-in kinds this repository uses, strictly.
type builtinDecoder struct {
	scheme     *k8sruntime.Scheme
	serializer *json.Serializer
}

func newBuiltinDecoder() builtinDecoder {
	scheme := k8sruntime.NewScheme()
	for _, add := range []func(*k8sruntime.Scheme) error{
		corev1.AddToScheme, appsv1.AddToScheme, batchv1.AddToScheme, policyv1.AddToScheme,
		autoscalingv2.AddToScheme, networkingv1.AddToScheme, rbacv1.AddToScheme, apiextensionsv1.AddToScheme,
	} {
		if err := add(scheme); err != nil {
			panic(err)
		}
	}
	// Strict: unknown fields and duplicate fields are errors (sigs.k8s.io/json UnmarshalStrict).
	serializer := json.NewSerializerWithOptions(json.DefaultMetaFactory, scheme, scheme, json.SerializerOptions{Yaml: true, Strict: true})
	return builtinDecoder{scheme: scheme, serializer: serializer}
}

// decode returns the typed object, or known=false when the kind is not a built-in one.
func (d builtinDecoder) decode(data []byte) (decoded k8sruntime.Object, known bool, err error) {
	decoded, _, err = d.serializer.Decode(data, nil, nil)
	if k8sruntime.IsNotRegisteredError(err) {
		return nil, false, nil
	}
	return decoded, true, err
}

// validateObject returns every problem of one rendered object.
func validateObject(o object, builtins builtinDecoder, crds crdIndex) []string {
	if o.apiVersion() == "" || o.kind() == "" {
		return []string{"apiVersion and kind are required"}
	}
	decoded, known, err := builtins.decode(o.json)
	if err != nil {
		return []string{err.Error()}
	}
	if known {
		return errorStrings(validateBuiltin(decoded))
	}
	return crds.validate(o)
}

func validateBuiltin(decoded k8sruntime.Object) field.ErrorList {
	accessor, ok := decoded.(metav1.Object)
	if !ok {
		return nil
	}
	meta := metav1.ObjectMeta{
		Name: accessor.GetName(), Namespace: accessor.GetNamespace(), Labels: accessor.GetLabels(), Annotations: accessor.GetAnnotations(),
	}
	nameRule := apimachineryvalidation.NameIsDNSSubdomain
	switch decoded.(type) {
	case *corev1.Service:
		nameRule = apimachineryvalidation.NameIsDNS1035Label
	case *corev1.Namespace:
		nameRule = apimachineryvalidation.ValidateNamespaceName
	}
	errs := apimachineryvalidation.ValidateObjectMeta(&meta, meta.Namespace != "", nameRule, field.NewPath("metadata"))
	if deployment, ok := decoded.(*appsv1.Deployment); ok {
		errs = append(errs, selectorMatchesTemplate(deployment.Spec.Selector, deployment.Spec.Template.Labels)...)
	}
	return errs
}

// selectorMatchesTemplate: the API server refuses a workload whose selector does not select its own pods.
func selectorMatchesTemplate(selector *metav1.LabelSelector, templateLabels map[string]string) field.ErrorList {
	path := field.NewPath("spec", "selector")
	if selector == nil {
		return field.ErrorList{field.Required(path, "")}
	}
	parsed, err := metav1.LabelSelectorAsSelector(selector)
	if err != nil {
		return field.ErrorList{field.Invalid(path, selector, err.Error())}
	}
	if parsed.Empty() || !parsed.Matches(labels.Set(templateLabels)) {
		return field.ErrorList{field.Invalid(path, selector, "does not match spec.template.metadata.labels")}
	}
	return nil
}

func errorStrings(errs field.ErrorList) []string {
	out := make([]string, 0, len(errs))
	for _, err := range errs {
		out = append(out, err.Error())
	}
	return out
}

// strictDecodeInto decodes JSON into a typed value, refusing unknown and duplicate fields.
func strictDecodeInto(data []byte, into any, what string) error {
	strictErrs, err := sigsjson.UnmarshalStrict(data, into) // all strict options by default
	if err != nil {
		return fmt.Errorf("%s: %w", what, err)
	}
	if len(strictErrs) > 0 {
		return fmt.Errorf("%s: %v", what, strictErrs)
	}
	return nil
}
