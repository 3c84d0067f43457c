// The deployment runs on Linux containers; these tests run its published services as Linux users.
[assembly: System.Runtime.Versioning.SupportedOSPlatform("linux")]
