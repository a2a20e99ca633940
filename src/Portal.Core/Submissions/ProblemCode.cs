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
    UnknownImageId,
    DuplicateImageId,
    MissingImageIds,
    NoRows,
    NotAnInteger,
    LabelOutOfRange,
    NotANumber,
    NegativeProbability,
    RowSumNotOne,
}
