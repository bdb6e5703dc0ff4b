using System.Globalization;
using NJsonSchema;
using NJsonSchema.Validation;

namespace FakeRiver.Scenarios.Contracts;

/// <summary>Turns an NJsonSchema error kind plus the failing schema into a readable rule.</summary>
internal static class ContractRuleText
{
    public static string Describe(ValidationError error)
    {
        var schema = error.Schema?.ActualSchema;
        var detail = error.Kind switch
        {
            ValidationErrorKind.PropertyRequired => "required property is missing",
            ValidationErrorKind.NotInEnumeration => "must be one of " + Enumeration(schema),
            ValidationErrorKind.PatternMismatch => "must match " + schema?.Pattern,
            ValidationErrorKind.StringTooShort => Invariant($"must have at least {schema?.MinLength} character(s)"),
            ValidationErrorKind.NumberTooSmall => Invariant($"must be >= {schema?.Minimum}"),
            ValidationErrorKind.NumberTooBig => Invariant($"must be <= {schema?.Maximum}"),
            ValidationErrorKind.ExcludedSchemaValidates => "is forbidden here" + Because(schema),
            ValidationErrorKind.NoAdditionalPropertiesAllowed => "is not an allowed property",
            ValidationErrorKind.NotAnyOf => "matches none of the allowed alternatives",
            ValidationErrorKind.NotOneOf => "does not match exactly one alternative",
            ValidationErrorKind.NotAllOf => "breaks a required rule",
            _ => "violates the schema",
        };
        return $"{error.Kind}: {detail}";
    }

    private static string Enumeration(JsonSchema? schema) =>
        schema is null ? "?" : "[" + string.Join(", ", schema.Enumeration.Select(Json)) + "]";

    private static string Because(JsonSchema? schema) =>
        string.IsNullOrEmpty(schema?.Description) ? string.Empty : " — " + schema.Description;

    private static string Json(object? value) => value switch
    {
        null => "null",
        string text => "\"" + text + "\"",
        bool flag => flag ? "true" : "false",
        _ => Convert.ToString(value, CultureInfo.InvariantCulture) ?? "?",
    };

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
