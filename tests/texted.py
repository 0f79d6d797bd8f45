"""A small rule set with a free-text question, for the tests of that question type."""

# A small rule set with a free-text question after a choice that opens it.
TEXTED = """\
id: texted
version: "2.0"
title: Texted
questions:
  - id: pain
    type: yes_no
    short: Pain
    text: {en: "Is there a pain?", reception: "Does the caller have a pain?"}
  - id: place
    type: multi_choice
    short: Place
    when: {question: pain, is: yes}
    text: {en: "Where?", reception: "Where does the caller feel it?"}
    choices:
      - {key: neck, label: Neck}
      - {key: other, label: Somewhere else}
  - id: where_else
    type: text
    max_length: 20
    short: Other place
    when: {question: place, includes: other}
    text: {en: "Where else?", reception: "Where else does the caller feel it?"}
outcomes:
  - id: therapeutic
    kind: massage
    severity: 20
    title: Therapeutic
    advice: {en: Book it., reception: Book a therapeutic massage.}
    if_worse: {en: See a doctor if it gets worse., reception: A doctor if worse.}
    booking: {appointment: Therapeutic massage, minutes: 75}
    to_do: {en: Bring your treatments., reception: Note the place on the booking.}
    say: {en: I am booking you a therapeutic massage.}
  - id: relaxation
    kind: massage
    severity: 10
    title: Relaxation
    advice: Enjoy it.
    if_worse: See a doctor.
    booking: {appointment: Relaxation massage, minutes: 60}
decisions:
  - {outcome: therapeutic, when: {question: pain, is: yes}, reason: A pain to address.}
  - {outcome: relaxation, when: {question: pain, is: no}, reason: No pain.}
note:
  answers: [place]
"""
READ_IT = "{outcome: relaxation, when: {question: pain, is: no}, reason: No pain.}"
