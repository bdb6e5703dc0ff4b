using Newtonsoft.Json;
using NJsonSchema.Validation;

namespace FakeRiver.Scenarios.Contracts;

/// <summary>Flattens NJsonSchema's error tree (anyOf/allOf branches nest) into a list of violations.</summary>
internal static class ContractViolationReader
{
    private const int MaxValueLength = 200;

    /// <summary>
    /// Title of the "condition does not hold" alternative in <c>anyOf: [guard, shape]</c> (our if/then encoding,
    /// see contracts/README.md). Its failure only says the condition holds, so it is not reported.
    /// </summary>
    public const string GuardPrefix = "applies only when";

    public static IReadOnlyList<ContractViolation> Read(IEnumerable<ValidationError> errors)
    {
        var violations = new List<ContractViolation>();
        Collect(errors, string.Empty, violations);
        return violations;
    }

    private static void Collect(IEnumerable<ValidationError> errors, string context, List<ContractViolation> into)
    {
        foreach (var error in errors)
        {
            if (error is ChildSchemaValidationError { Errors.Count: > 0 } parent)
            {
                CollectBranches(parent, context, into);
                continue;
            }

            into.Add(new ContractViolation(ToJsonPath(error.Path), context + ContractRuleText.Describe(error), ValueOf(error)));
        }
    }

    private static void CollectBranches(ChildSchemaValidationError parent, string context, List<ContractViolation> into)
    {
        if (parent.Kind is not (ValidationErrorKind.NotAnyOf or ValidationErrorKind.NotOneOf or ValidationErrorKind.NotAllOf))
        {
            // Array items and additional properties: the nested errors already carry the full path.
            foreach (var branchErrors in parent.Errors.Values)
            {
                Collect(branchErrors, context, into);
            }

            return;
        }

        var index = 0;
        foreach (var (branch, branchErrors) in parent.Errors)
        {
            index++;
            var title = branch.Title ?? branch.ActualSchema.Title ?? $"#{index}";
            if (parent.Kind != ValidationErrorKind.NotAllOf && title.StartsWith(GuardPrefix, StringComparison.Ordinal))
            {
                continue;
            }

            var where = $"{context}[{parent.Kind} at {ToJsonPath(parent.Path)}, branch '{title}'] ";
            Collect(branchErrors, where, into);
        }
    }

    /// <summary>NJsonSchema writes <c>#/meta.attempts[0]</c>; we print <c>$.meta.attempts[0]</c>.</summary>
    public static string ToJsonPath(string? path)
    {
        var rest = path is null ? string.Empty : path.StartsWith("#/", StringComparison.Ordinal) ? path[2..] : path.TrimStart('#');
        if (rest.Length == 0)
        {
            return "$";
        }

        return rest.StartsWith('[') ? "$" + rest : "$." + rest;
    }

    private static string ValueOf(ValidationError error)
    {
        if (error.Kind == ValidationErrorKind.PropertyRequired)
        {
            return "(missing)";
        }

        var text = error.Token?.ToString(Formatting.None) ?? "(none)";
        return text.Length <= MaxValueLength ? text : text[..MaxValueLength] + "…";
    }
}
