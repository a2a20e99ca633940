namespace Portal.Inference.Synthetic;

/// <summary>The gender digit of the mask task's class.</summary>
public enum Gender
{
    /// <summary>Male.</summary>
    Male = 0,

    /// <summary>Female.</summary>
    Female = 1,
}
