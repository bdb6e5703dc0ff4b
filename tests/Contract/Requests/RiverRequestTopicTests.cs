using FakeRiver.Requests;
using FakeRiver.Workflows;

namespace Contract.Requests;

/// <summary>A request's topic is made once (src/FakeRiver/Requests/RiverRequest.cs) and is always the same text.</summary>
public sealed class RiverRequestTopicTests
{
    [Fact]
    public void Topic_ReadTwice_TheDocumentedTextAndTheSameString()
    {
        var request = new RiverRequest("ch-é", "proj-1", new WorkflowDefinition { Name = "wf", Providers = [] }, DateTimeOffset.UnixEpoch)
        {
            PublicBaseUri = new Uri("http://localhost/"),
        };

        Assert.Equal("ai_response:proj-1:ch-é", request.Topic);
        Assert.Same(request.Topic, request.Topic);
    }
}
