package dev.coldbrew.locallambda.template;

/**
 * A CloudFormation intrinsic function as read from the template, in its long-form name
 * ({@code Ref}, {@code Fn::Sub}, {@code Fn::GetAtt}, ...), whichever of the two YAML spellings was used.
 */
public record IntrinsicFunction(String name, Object argument) {
}
