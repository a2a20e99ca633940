namespace Portal.Core.Submissions;

/// <summary>What is wrong with an uploaded CSV file, one code per rule of the file formats.</summary>
public enum ProblemCode
{
    EmptyFile,
    FileTooLarge,
    BinaryData,
    NotUtf8,
    WrongDelimiter,
    MissingHeader,
    WrongHeader,
    UnterminatedQuote,
    MalformedQuote,
    WrongFieldCount,
    EmptyImageId,

    /// <summary>A hidden set's image id that is not a plain file name (folders, '..'): it names a file of the set.</summary>
    ImageIdNotAFileName,
    UnknownImageId,
    DuplicateImageId,
    MissingImageIds,
    NoRows,
    NotAnInteger,
    LabelOutOfRange,
    NotANumber,
    NegativeProbability,
    RowSumNotOne,

    /// <summary>An uploaded model was refused (not ONNX, wrong shapes, wrong class count, too old an opset).</summary>
    InvalidModel,

    /// <summary>The preprocessing or TTA settings of a model upload cannot be used.</summary>
    InvalidSettings,

    /// <summary>A hidden set's info.csv lists an image whose file is not in the set.</summary>
    MissingImageFile,

    /// <summary>A hidden set's image cannot be used by model runs (not an image, cut off, damaged, over the pixel cap).</summary>
    UnusableImage,

    /// <summary>A hidden set as a whole cannot be read (not a zip, too large unpacked, no info.csv, no such folder).</summary>
    InvalidHiddenSet,
}
