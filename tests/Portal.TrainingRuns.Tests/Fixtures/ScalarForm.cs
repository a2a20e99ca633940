namespace Portal.TrainingRuns.Tests.Fixtures;

/// <summary>How a scalar is written into an event, as the writers in the wild do.</summary>
public enum ScalarForm
{
    /// <summary>Summary.Value.simple_value, float32 (torch.utils.tensorboard, TF1).</summary>
    SimpleValue,

    /// <summary>A rank-0 DT_FLOAT tensor in float_val (torch's new_style scalars).</summary>
    TensorFloatVal,

    /// <summary>A rank-0 DT_DOUBLE tensor in double_val.</summary>
    TensorDoubleVal,

    /// <summary>A rank-0 DT_FLOAT tensor in tensor_content (TF2's tf.summary.scalar).</summary>
    TensorFloatContent,

    /// <summary>A rank-0 DT_DOUBLE tensor in tensor_content.</summary>
    TensorDoubleContent,
}
