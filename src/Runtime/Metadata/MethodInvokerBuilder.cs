using System.Linq.Expressions;
using System.Reflection;

namespace GrainMarket.Runtime.Metadata;

/// <summary>Compiles, once per method, the delegates that call a grain method and read its result without reflection.</summary>
internal static class MethodInvokerBuilder
{
    public static (Func<object, object?[], Task> Invoker, Func<Task, object?> ResultReader, Type? ResultType) Build(MethodInfo method)
    {
        var grain = Expression.Parameter(typeof(object), "grain");
        var args = Expression.Parameter(typeof(object?[]), "args");
        var parameters = method.GetParameters();
        var arguments = parameters.Select((p, i) =>
            (Expression)Expression.Convert(Expression.ArrayIndex(args, Expression.Constant(i)), p.ParameterType));
        Expression call = Expression.Call(Expression.Convert(grain, method.DeclaringType!), method, arguments);

        var returnType = method.ReturnType;
        Type? resultType;
        if (returnType == typeof(Task))
        {
            resultType = null;
        }
        else if (returnType == typeof(ValueTask))
        {
            call = Expression.Call(call, typeof(ValueTask).GetMethod(nameof(ValueTask.AsTask))!);
            resultType = null;
        }
        else if (returnType.IsGenericType && returnType.GetGenericTypeDefinition() == typeof(Task<>))
        {
            resultType = returnType.GetGenericArguments()[0];
        }
        else if (returnType.IsGenericType && returnType.GetGenericTypeDefinition() == typeof(ValueTask<>))
        {
            call = Expression.Call(call, returnType.GetMethod(nameof(ValueTask<int>.AsTask))!);
            resultType = returnType.GetGenericArguments()[0];
        }
        else
        {
            throw new InvalidOperationException(
                $"Grain method {method.DeclaringType!.Name}.{method.Name} must return Task, Task<T>, ValueTask or ValueTask<T>.");
        }

        var invoker = Expression.Lambda<Func<object, object?[], Task>>(Expression.Convert(call, typeof(Task)), grain, args).Compile();
        var reader = resultType is null
            ? static _ => null
            : typeof(MethodInvokerBuilder)
                .GetMethod(nameof(ReadResult), BindingFlags.NonPublic | BindingFlags.Static)!
                .MakeGenericMethod(resultType)
                .CreateDelegate<Func<Task, object?>>();
        return (invoker, reader, resultType);
    }

    private static object? ReadResult<T>(Task task) => ((Task<T>)task).Result;
}
