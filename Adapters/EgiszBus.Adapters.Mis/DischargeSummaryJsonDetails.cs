using System.Text.Json;

namespace EgiszBus.Adapters.Mis;

/// <summary>Reads the parts of the MIS JSON discharge summary the official SEMD 147 rules require (<see cref="MisDischargeSummaryDetails"/>).</summary>
internal static class DischargeSummaryJsonDetails
{
    public static readonly string[] Properties =
    [
        "reason", "admissionSign", "repeat", "channel", "lifeHistory", "complaints", "admissionSeverity", "admissionDiagnoses", "departments",
        "dischargeSeverity", "result", "suspectedCancer", "individualPost", "services", "disposition",
    ];

    private static readonly string[] CodingProperties = ["code", "display", "version"];
    private static readonly string[] DepartmentProperties = ["oid", "name", "admitted", "discharged", "bedProfile", "text"];
    private static readonly string[] ServiceProperties = ["id", "code", "performed"];
    private static readonly string[] Severities = ["1", "2", "3", "4", "5", "6"];

    public static MisDischargeSummaryDetails? Read(JsonElement root, ConsultationJsonElements j)
    {
        var reason = Coding(root, "$", "reason", j);
        var sign = Flag(root, "$", "admissionSign", j);
        var repeat = OneOf(root, "$", "repeat", ["1", "2"], "1 первичный, 2 повторный (1.2.643.5.1.13.13.11.1007)", j);
        var channel = Coding(root, "$", "channel", j);
        var life = j.Text(root, "$", "lifeHistory", required: true);
        var complaints = j.Text(root, "$", "complaints", required: true);
        var admissionSeverity = OneOf(root, "$", "admissionSeverity", Severities, "код 1.2.643.5.1.13.13.11.1006 (1 удовлетворительное … 6 терминальное)", j);
        var admissionDiagnoses = Diagnoses(root, "admissionDiagnoses", j);
        var departments = new List<MisDischargeSummaryDepartment>();
        var departmentsOk = false;
        if (j.Array(root, "$", "departments", MisErrorCodes.MissingValue) is { } de)
        {
            departmentsOk = true;
            var i = 0;
            foreach (var item in de.EnumerateArray())
            {
                var p = $"$.departments[{i++}]";
                if (Department(item, p, j) is { } d)
                {
                    departments.Add(d);
                }
                else
                {
                    departmentsOk = false;
                }
            }
        }

        var dischargeSeverity = OneOf(root, "$", "dischargeSeverity", Severities, "код 1.2.643.5.1.13.13.11.1006 (1 удовлетворительное … 6 терминальное)", j);
        var result = Coding(root, "$", "result", j);
        var disposition = Coding(root, "$", "disposition", j);
        var cancer = Flag(root, "$", "suspectedCancer", j);
        var post = Flag(root, "$", "individualPost", j);
        var services = new List<MisDischargeSummaryService>();
        var servicesOk = false;
        if (j.Array(root, "$", "services", MisErrorCodes.MissingValue) is { } se)
        {
            servicesOk = true;
            var i = 0;
            foreach (var item in se.EnumerateArray())
            {
                var p = $"$.services[{i++}]";
                if (!j.Object(item, p, ServiceProperties))
                {
                    servicesOk = false;
                    continue;
                }

                var id = j.String(item, p, "id", required: true);
                var code = j.String(item, p, "code", required: true);
                var performed = j.DateTime(item, p, "performed")?.Value;
                if (id is null || code is null || performed is null)
                {
                    servicesOk = false;
                    continue;
                }

                services.Add(new MisDischargeSummaryService(id, code, performed.Value));
            }
        }

        return reason is null || sign is null || repeat is null || channel is null || life is null || complaints is null || admissionSeverity is null
            || admissionDiagnoses is null || !departmentsOk || dischargeSeverity is null || result is null || cancer is null || post is null || !servicesOk
            || disposition is null
            ? null
            : new MisDischargeSummaryDetails(reason, sign.Value, repeat, channel, life, complaints, admissionSeverity, admissionDiagnoses, departments,
                dischargeSeverity, result, cancer.Value, post.Value, services, disposition);
    }

    private static List<MisConsultationDiagnosis>? Diagnoses(JsonElement root, string name, ConsultationJsonElements j)
    {
        if (j.Array(root, "$", name, DischargeSummaryMisErrorCodes.NoDiagnoses) is not { } de)
        {
            return null;
        }

        var list = new List<MisConsultationDiagnosis>();
        var ok = true;
        var i = 0;
        foreach (var item in de.EnumerateArray())
        {
            if (j.Diagnosis(item, $"$.{name}[{i++}]") is { } d)
            {
                list.Add(d);
            }
            else
            {
                ok = false;
            }
        }

        return ok ? list : null;
    }

    private static MisDischargeSummaryDepartment? Department(JsonElement item, string p, ConsultationJsonElements j)
    {
        if (!j.Object(item, p, DepartmentProperties))
        {
            return null;
        }

        var oid = j.String(item, p, "oid", required: true);
        var name = j.String(item, p, "name", required: true);
        var admitted = j.DateTime(item, p, "admitted")?.Value;
        var discharged = j.DateTime(item, p, "discharged")?.Value;
        var bed = Coding(item, p, "bedProfile", j);
        var text = j.Text(item, p, "text", required: true);
        if (admitted is not null && discharged is not null && discharged < admitted)
        {
            j.At(p + ".discharged")(ConsultationMisErrorCodes.WrongTimeOrder, "Дата выбытия из отделения раньше даты поступления в него");
            return null;
        }

        return oid is null || name is null || admitted is null || discharged is null || bed is null || text is null
            ? null
            : new MisDischargeSummaryDepartment(oid, name, admitted.Value, discharged.Value, bed, text);
    }

    /// <summary>A code of a directory the hub holds no snapshot of: <c>{"code", "display", "version"}</c>, all required.</summary>
    private static MisCoding? Coding(JsonElement parent, string path, string name, ConsultationJsonElements j)
    {
        var p = $"{path}.{name}";
        if (j.Child(parent, path, name) is not { } e || !j.Object(e, p, CodingProperties))
        {
            return null;
        }

        var code = j.String(e, p, "code", required: true);
        var display = j.String(e, p, "display", required: true);
        var version = j.String(e, p, "version", required: true);
        return code is null || display is null || version is null ? null : new MisCoding(code, display, version);
    }

    private static string? OneOf(JsonElement parent, string path, string name, string[] allowed, string hint, ConsultationJsonElements j)
    {
        var value = j.String(parent, path, name, required: true);
        if (value is not null && !allowed.Contains(value))
        {
            j.At($"{path}.{name}")(MisErrorCodes.InvalidCode, $"«{name}»: {hint}");
            return null;
        }

        return value;
    }

    private static bool? Flag(JsonElement parent, string path, string name, ConsultationJsonElements j)
    {
        if (j.Child(parent, path, name) is not { } e)
        {
            return null;
        }

        if (e.ValueKind is not (JsonValueKind.True or JsonValueKind.False))
        {
            j.At($"{path}.{name}")(MisErrorCodes.InvalidStructure, $"«{name}» должен быть true или false");
            return null;
        }

        return e.GetBoolean();
    }
}
