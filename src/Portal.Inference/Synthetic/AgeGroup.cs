namespace Portal.Inference.Synthetic;

/// <summary>The age digit of the mask task's class.</summary>
public enum AgeGroup
{
    /// <summary>Younger than 30.</summary>
    Under30 = 0,

    /// <summary>From 30 to 59.</summary>
    From30To59 = 1,

    /// <summary>60 or older.</summary>
    Over60 = 2,
}
