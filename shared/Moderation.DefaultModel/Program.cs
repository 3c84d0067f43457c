using Moderation.DefaultModel;
using Moderation.Learning;
using Moderation.Learning.Training;

// Trains the default model from the shipped corpus into the file the build names; the services load it.
if (args is not [string output])
{
    Console.Error.WriteLine("usage: Moderation.DefaultModel OUTPUT.zip");
    return 2;
}

using ModerationModel model = ModelCatalog.TrainDefault(new ConsoleProgress());
Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(output))!);
model.Save(output);
Console.WriteLine($"default model {model.Metadata.Version} written to {output}");
return 0;
