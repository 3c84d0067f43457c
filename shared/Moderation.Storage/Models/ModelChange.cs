namespace Moderation.Storage.Models;

/// <summary>The outcome of an activation or rollback.</summary>
public enum ModelChange
{
    Done,

    /// <summary>No model with that version was imported.</summary>
    NotFound,

    /// <summary>A rollback with no earlier activation to return to.</summary>
    NothingToRollBackTo,
}
