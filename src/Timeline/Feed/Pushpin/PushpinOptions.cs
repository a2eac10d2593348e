// Pushpin in front of the instances (section Timeline:Pushpin), off unless Enabled: validated at start.
using System.ComponentModel.DataAnnotations;

namespace Timeline.Feed.Pushpin;

public sealed class PushpinOptions : IValidatableObject
{
    public const string Section = "Timeline:Pushpin";

    public bool Enabled { get; set; }

    // Pushpin's HTTP publish endpoint (its handler's push_in_http_port), e.g. http://127.0.0.1:5561/publish/.
    public Uri? PublishUrl { get; set; }

    // Pushpin's sig_key: a subscribe request is answered for Pushpin only when its Grip-Sig is signed with it.
    public string? SignatureKey { get; set; }

    // How many events one subscribe answer reads at most; a client further behind is fed the rest by Pushpin's next request.
    [Range(100, 100_000)] public int CatchUpEvents { get; set; } = 5_000;

    // How often Pushpin asks again for a held stream without a publish telling it to (its safety net for a missed message).
    [Range(5, 3_600)] public int RecheckSeconds { get; set; } = 120;

    public IEnumerable<ValidationResult> Validate(ValidationContext context)
    {
        if (!Enabled) yield break;
        if (PublishUrl is not { IsAbsoluteUri: true } url || (url.Scheme != Uri.UriSchemeHttp && url.Scheme != Uri.UriSchemeHttps))
            yield return new ValidationResult("must be an absolute http(s) URL of Pushpin's publish endpoint", [nameof(PublishUrl)]);
        if (SignatureKey is not { Length: >= 16 })
            yield return new ValidationResult("must be Pushpin's sig_key, 16 characters or more", [nameof(SignatureKey)]);
    }
}
