// The namespaces every file of the benchmark uses, named once.
global using Microsoft.Extensions.Logging.Abstractions;
global using Npgsql;
global using NpgsqlTypes;
global using System.Diagnostics;
global using System.Globalization;
global using System.Net.Http.Json;
global using System.Net.ServerSentEvents;
global using System.Text.Json.Nodes;
global using System.Text.Json;
global using System.Text;
global using Timeline.Hosting;
