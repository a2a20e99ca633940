using Microsoft.ML.OnnxRuntime;
using Portal.Core.Competitions;

namespace Portal.Inference.Onnx;

/// <summary>A model file checked and loaded: its session, what it expects and where it runs; or why it was refused.</summary>
public sealed class LoadedModel : IDisposable
{
    private LoadedModel(InferenceSession? session, ModelCheck check, ProviderReport? provider)
    {
        Session = session;
        Check = check;
        Provider = provider;
    }

    /// <summary>The session; null when the model was refused.</summary>
    public InferenceSession? Session { get; }

    public ModelCheck Check { get; }

    /// <summary>Where the session runs; null when the model could not be loaded at all.</summary>
    public ProviderReport? Provider { get; }

    /// <summary>
    /// Checks and loads <paramref name="model"/> (an uploaded model's bytes: no tensor may live in another file) for a
    /// competition with <paramref name="classCount"/> classes; with <paramref name="heads"/> (the competition's
    /// attribute axes) a model with one output per head is taken too (see <see cref="ModelCheck.Inspect(InferenceSession, int, long, AttributeHeads?, string?)"/>).
    /// <paramref name="head"/> names the attribute head a single-head model is for (<paramref name="classCount"/> its size).
    /// </summary>
    public static LoadedModel Load(byte[] model, int classCount, ExecutionProviderChoice provider, int intraOpThreads = 0, AttributeHeads? heads = null,
        string? head = null)
    {
        ArgumentNullException.ThrowIfNull(model);
        return Load(model, allowExternalData: false, () => SessionFactory.Create(model, provider, intraOpThreads), classCount, heads, head);
    }

    /// <summary>
    /// Checks and loads the model file at <paramref name="path"/> for the command line: weights stored as external data
    /// are found beside the model file (see <see cref="SessionFactory.CreateFromFile"/>). Not for uploaded models.
    /// <paramref name="head"/> names the attribute head a single-head model is for (<paramref name="classCount"/> its size).
    /// </summary>
    public static LoadedModel LoadFile(string path, int classCount, ExecutionProviderChoice provider, int intraOpThreads = 0, AttributeHeads? heads = null,
        string? head = null) =>
        Load(File.ReadAllBytes(path), allowExternalData: true, () => SessionFactory.CreateFromFile(path, provider, intraOpThreads), classCount, heads, head);

    private static LoadedModel Load(byte[] model, bool allowExternalData, Func<(InferenceSession, ProviderReport)> open, int classCount, AttributeHeads? heads,
        string? head = null)
    {
        if (ModelCheck.CheckHeader(model, allowExternalData) is { } refused)
        {
            return new LoadedModel(null, refused, null);
        }

        InferenceSession session;
        ProviderReport report;
        try
        {
            (session, report) = open();
        }
        catch (OnnxRuntimeException e)
        {
            return new LoadedModel(null, ModelCheck.Refuse(OnnxRuntimeErrors.LoadRefusal(e.Message)) with { Detail = e.Message }, null);
        }

        var check = ModelCheck.Inspect(session, classCount, OnnxProto.ReadVersions(model)?.Opset ?? 0, heads, head);
        if (!check.Accepted)
        {
            session.Dispose();
            return new LoadedModel(null, check, report);
        }

        return new LoadedModel(session, check, report);
    }

    public void Dispose() => Session?.Dispose();
}
