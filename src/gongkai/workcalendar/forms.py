from django import forms


class DeadlineTrialForm(forms.Form):
    start = forms.DateField(
        label="起算日（当日不计）", widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
    )
    workdays = forms.IntegerField(label="工作日数", min_value=-400, max_value=400, initial=20)
