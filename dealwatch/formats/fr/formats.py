# The admin's calendar writes a picked date in the first input format, and a
# date field shows its value in it: ISO, which no reader can misread
# (articles.date_input refuses "02/08/2020"). Typed French dates still read.
DATE_INPUT_FORMATS = ["%Y-%m-%d", "%d/%m/%Y", "%d/%m/%y"]
