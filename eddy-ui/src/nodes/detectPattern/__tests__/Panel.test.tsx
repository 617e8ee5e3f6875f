import { describe, expect, it } from 'vitest';
import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { ORDERS, renderPanel } from '../../../test/harness';
import type { DetectPatternConfig } from '../types';

describe('the detect pattern panel', () => {
  it('takes the partition and steps built with the condition assistant', async () => {
    const { last } = renderPanel<DetectPatternConfig>('detectPattern', {}, [ORDERS]);
    // the event time orders the events: it is not offered as a partition
    expect(screen.queryByLabelText('ordertime')).toBeNull();
    await userEvent.click(screen.getByLabelText('region'));
    await userEvent.click(screen.getByRole('button', { name: 'Add step' }));
    await userEvent.click(screen.getByRole('button', { name: 'Add step' }));
    await userEvent.type(screen.getByLabelText('Step 1 name'), 'a');
    const first = within(screen.getByRole('group', { name: 'Step 1' }));
    await userEvent.selectOptions(first.getByLabelText('Property'), 'price');
    await userEvent.selectOptions(first.getByLabelText('Condition'), '<');
    await userEvent.type(first.getByLabelText('Value'), '9');
    await userEvent.click(first.getByRole('button', { name: 'Add to expression' }));
    await userEvent.type(screen.getByLabelText('Step 2 name'), 'b');
    const second = within(screen.getByRole('group', { name: 'Step 2' }));
    await userEvent.selectOptions(second.getByLabelText('Property'), 'region');
    await userEvent.type(second.getByLabelText('Value'), 'EU');
    await userEvent.click(second.getByRole('button', { name: 'Add to expression' }));
    await userEvent.type(screen.getByLabelText('Step 2 at least'), '2');
    await userEvent.type(screen.getByLabelText('Step 2 at most'), '3');
    // the editor shows the condition the assistant built
    expect(screen.getByLabelText('Step 2 condition')).toHaveTextContent("region = 'EU'");
    expect(last()).toEqual({
      partitionBy: ['region'],
      steps: [
        { name: 'a', condition: 'price < 9' },
        { name: 'b', condition: "region = 'EU'", times: { min: 2, max: 3 } },
      ],
    });
  });

  it('takes the time limit and measures built over the steps', async () => {
    const steps = [
      { name: 'cheap', condition: 'price < 10' },
      { name: 'pricey', condition: 'price >= 100', times: { min: 2, max: 2 } },
    ];
    const { last } = renderPanel<DetectPatternConfig>('detectPattern', { partitionBy: ['region'], steps }, [ORDERS]);
    await userEvent.type(screen.getByLabelText('Time limit value'), '7');
    await userEvent.selectOptions(screen.getByLabelText('Time limit unit'), 'MINUTE');
    const assistant = within(screen.getByRole('group', { name: 'Measure assistant' }));
    const addMeasure = assistant.getByRole('button', { name: 'Add this measure' });
    expect(addMeasure).toBeDisabled();
    await userEvent.selectOptions(assistant.getByLabelText('Function'), 'FIRST');
    await userEvent.selectOptions(assistant.getByLabelText('Of step'), 'cheap');
    await userEvent.selectOptions(assistant.getByLabelText('Property'), 'ordertime');
    await userEvent.click(addMeasure);
    const matchTime = assistant.getByRole('button', { name: 'Add the match time (an event time)' });
    await userEvent.click(matchTime);
    // one match time only
    expect(matchTime).toBeDisabled();
    await userEvent.type(screen.getByLabelText('Measure 2 name'), 'X');
    expect(last()).toEqual({
      partitionBy: ['region'],
      steps,
      within: { value: 7, unit: 'MINUTE' },
      measures: [
        { name: 'firstCheapOrdertime', expression: 'FIRST(cheap.ordertime)' },
        { name: 'matchedAtX', expression: 'MATCH_ROWTIME()' },
      ],
    });
  });

  it('removes a step, and an emptied repetition goes from the config', async () => {
    const { last } = renderPanel<DetectPatternConfig>(
      'detectPattern',
      {
        steps: [
          { name: 'a', condition: 'price < 10', times: { min: 2 } },
          { name: 'b', condition: 'price > 10' },
        ],
      },
      [ORDERS],
    );
    await userEvent.clear(screen.getByLabelText('Step 1 at least'));
    expect(last().steps?.[0]).toEqual({ name: 'a', condition: 'price < 10' });
    await userEvent.click(screen.getByRole('button', { name: 'Remove step 1' }));
    expect(last().steps).toEqual([{ name: 'b', condition: 'price > 10' }]);
  });

  it('shows the server’s problems at the step and measure they concern', () => {
    const condition = 'Condition of step `b` `price +` is not a valid expression: Flink cannot read it.';
    const measure = "Measure `FIRST(nope.ordertime)` is not valid: At column 7: Table 'nope' not found.";
    renderPanel<DetectPatternConfig>(
      'detectPattern',
      {
        partitionBy: ['region'],
        steps: [
          { name: 'a', condition: 'price < 10' },
          { name: 'b', condition: 'price +' },
        ],
        within: { value: 7, unit: 'MINUTE' },
        measures: [{ name: 'x', expression: 'FIRST(nope.ordertime)' }],
      },
      [ORDERS],
      {
        id: 'n1',
        name: 'Detect pattern',
        status: 'error',
        messages: [condition, measure],
        problems: [
          {
            nodeId: 'n1',
            field: 'steps[1].condition',
            severity: 'error',
            code: 'expression.invalid',
            message: condition,
          },
          {
            nodeId: 'n1',
            field: 'measures[0].expression',
            severity: 'error',
            code: 'expression.invalid',
            message: measure,
          },
        ],
        output: [],
      },
    );
    expect(screen.getByText(condition).closest('.eddy-expression')).toContainElement(
      screen.getByLabelText('Step 2 condition'),
    );
    expect(screen.getByText(measure).closest('.eddy-expression')).toContainElement(
      screen.getByLabelText('Measure 1 expression'),
    );
  });

  it('adds a step that must not follow, built with the condition assistant, and takes it off again', async () => {
    const steps = [{ name: 'cheap', condition: 'price < 10' }];
    const { last } = renderPanel<DetectPatternConfig>('detectPattern', { partitionBy: ['region'], steps }, [ORDERS]);
    // off by default
    expect(screen.queryByLabelText('Not followed by name')).toBeNull();
    await userEvent.click(screen.getByLabelText('A step must not follow'));
    await userEvent.type(screen.getByLabelText('Not followed by name'), 'refunded');
    const not = within(screen.getByRole('group', { name: 'Not followed by' }));
    await userEvent.selectOptions(not.getByLabelText('Property'), 'quantity');
    await userEvent.type(not.getByLabelText('Value'), '0');
    await userEvent.click(not.getByRole('button', { name: 'Add to expression' }));
    expect(screen.getByLabelText('Not followed by condition')).toHaveTextContent('quantity = 0');
    expect(last()).toEqual({
      partitionBy: ['region'],
      steps,
      notFollowedBy: { name: 'refunded', condition: 'quantity = 0' },
    });
    await userEvent.click(screen.getByLabelText('A step must not follow'));
    expect(last()).toEqual({ partitionBy: ['region'], steps });
    expect(screen.queryByLabelText('Not followed by name')).toBeNull();
  });

  it("shows the server's problems at the step that must not follow", () => {
    const name = 'Two steps are named `cheap`: name them apart.';
    renderPanel<DetectPatternConfig>(
      'detectPattern',
      { steps: [{ name: 'cheap', condition: 'price < 10' }], notFollowedBy: { name: 'cheap' } },
      [ORDERS],
      {
        id: 'n1',
        name: 'Detect pattern',
        status: 'error',
        messages: [name],
        problems: [
          {
            nodeId: 'n1',
            field: 'notFollowedBy.name',
            severity: 'error',
            code: 'detectPattern.step-name-duplicate',
            message: name,
          },
        ],
        output: [],
      },
    );
    expect(screen.getByLabelText('Not followed by name')).toHaveAttribute('aria-invalid', 'true');
    expect(screen.getByText(name)).toBeInTheDocument();
  });
});
