// Carbon's text inputs, with their error message as the input's description. Carbon (1.117) links an
// invalid input to its message with `aria-errormessage` only, which screen readers rarely announce
// (axe: aria-valid-attr-value); `aria-describedby` makes the message part of what is read with the
// field. Every text and password input of the app comes from here (a test checks the imports).
import { forwardRef, type ComponentProps } from 'react';
import { PasswordInput as CarbonPasswordInput, TextInput as CarbonTextInput } from '@carbon/react';

type TextInputProps = ComponentProps<typeof CarbonTextInput>;
type PasswordInputProps = ComponentProps<typeof CarbonPasswordInput>;

/** The id Carbon gives an input's error message. */
const errorMessageId = (id: string) => `${id}-error-msg`;

/** Describes the input by its error message while it has one (and by Carbon's own choice otherwise). */
function describedByError(props: { id: string; invalid?: boolean; invalidText?: unknown }) {
  return props.invalid && props.invalidText ? { 'aria-describedby': errorMessageId(props.id) } : {};
}

export const TextInput = forwardRef<HTMLInputElement, TextInputProps>(function TextInput(props, ref) {
  return <CarbonTextInput ref={ref} {...props} {...describedByError(props)} />;
});

export const PasswordInput = forwardRef<HTMLInputElement, PasswordInputProps>(function PasswordInput(props, ref) {
  return <CarbonPasswordInput ref={ref} {...props} {...describedByError(props)} />;
});
